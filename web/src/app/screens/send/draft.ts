// The form being written, kept on the phone (IndexedDB, ../../offline/queue.ts) a moment after
// each change, so that a closed tab, a reload or a lost network loses nothing. One draft per
// person and kind (report, idea); sending it or following another report instead deletes it.
import { deleteDraft, getDraft, putDraft, type Draft } from '../../offline/queue';
import type { PhotoItem } from '../../../shared/photos/PhotoPicker';

export type DraftFields = Draft['fields'];

export function draftId(userId: number, kind: string): string {
  return `${userId}:${kind}`;
}

export async function readDraft(id: string): Promise<{ draft: Draft; photos: PhotoItem[] } | null> {
  try {
    const draft = await getDraft(id);
    if (!draft) return null;
    const photos: PhotoItem[] = draft.photos.map((p) => ({
      key: p.key,
      name: p.name,
      preview: p.blob ? URL.createObjectURL(p.blob) : '',
      state: p.mediaId ? 'done' : p.blob ? 'queued' : 'failed',
      progress: p.mediaId ? 1 : 0,
      ...(p.blob ? { blob: p.blob } : {}),
      ...(p.mediaId ? { media: { id: p.mediaId, url: '', thumbnail_url: '', width: 0, height: 0, bytes: 0, content_type: 'image/jpeg' } } : {}),
    }));
    return { draft, photos };
  } catch {
    return null; // no IndexedDB (private mode in some browsers): no drafts
  }
}

export function isEmpty(fields: DraftFields, photos: PhotoItem[]): boolean {
  return !fields.category && !fields.description.trim() && !fields.lat.trim() && !fields.lon.trim() && !fields.address.trim() && photos.length === 0;
}

export async function saveDraft(id: string, idempotencyKey: string, fields: DraftFields, photos: PhotoItem[]): Promise<void> {
  try {
    if (isEmpty(fields, photos)) {
      await deleteDraft(id);
      return;
    }
    await putDraft({
      id,
      savedAt: Date.now(),
      idempotencyKey,
      fields,
      photos: photos
        .filter((p) => p.state !== 'resizing')
        .map((p) => ({ key: p.key, name: p.name, ...(p.blob ? { blob: p.blob } : {}), ...(p.media ? { mediaId: p.media.id } : {}) })),
    });
  } catch {
    // Not kept this time; the next change tries again.
  }
}

export async function dropDraft(id: string): Promise<void> {
  try {
    await deleteDraft(id);
  } catch {
    // nothing kept
  }
}
