// The directory of public apps (docs/APPS.md; docs/openapi.yaml, tag `apps`): what the citizen
// app lists and the staff console manages.
import { request, type Photo } from '../api';

export const appCategories = ['identity', 'public_services', 'social_insurance', 'tax', 'health', 'transport', 'city', 'other'] as const;
export type AppCategory = (typeof appCategories)[number];

// GET /api/v1/apps: both languages' texts in one answer; links are null when there is none.
export interface PublicApp {
  id: number;
  code: string | null; // the reference apps' stable key; null for apps added by administrators
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  category: AppCategory;
  icon: Photo | null; // null: the app draws a monogram (Monogram.tsx)
  web_url: string | null;
  deep_link: string | null;
  android_url: string | null;
  ios_url: string | null;
  vneid_sign_in: boolean;
  position: number;
}

// The console's view (GET /api/v1/admin/apps) adds what only administrators see.
export interface AdminApp extends PublicApp {
  active: boolean;
  created_at: string;
  updated_at: string;
}

export const listApps = (signal?: AbortSignal) => request<{ items: PublicApp[] }>('GET', '/api/v1/apps', signal ? { signal } : {});
