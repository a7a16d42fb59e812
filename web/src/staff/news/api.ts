// The news desk's side of the API (editors and admins; the server checks): every item with its
// Markdown, create and change, publish (now or at a time) and unpublish, and the preview that
// renders Markdown with the same renderer and sanitizer as the published article.
import { request, type NewsItem, type NewsKind } from '../../shared/api';

export interface NewsBody {
  kind: NewsKind;
  title: string;
  summary: string;
  body_md: string;
  cover_media_id?: string;
  pinned: boolean;
  publish_at?: string; // a planned time, used when the item is published
}

export interface PublishBody {
  publish_at?: string; // in the future: scheduled
  notify?: boolean; // announcements only
}

const v1 = '/api/v1/staff/news';

export const listDesk = () => request<{ items: NewsItem[] }>('GET', v1);
export const getDeskItem = (id: number | string) => request<NewsItem>('GET', `${v1}/${encodeURIComponent(id)}`);
export const createItem = (body: NewsBody) => request<NewsItem>('POST', v1, { body });
export const changeItem = (id: number, body: NewsBody) => request<NewsItem>('PUT', `${v1}/${id}`, { body });
export const publishItem = (id: number, body: PublishBody) => request<NewsItem>('POST', `${v1}/${id}/publish`, { body });
export const unpublishItem = (id: number) => request<NewsItem>('POST', `${v1}/${id}/unpublish`);
export const previewMarkdown = (bodyMd: string, signal: AbortSignal) =>
  request<{ html: string }>('POST', `${v1}/preview`, { body: { body_md: bodyMd }, signal });
