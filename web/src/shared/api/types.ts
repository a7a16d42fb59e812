// The shapes of the API's answers and requests, from docs/openapi.yaml (components/schemas).
// Only what the front end reads or sends; fields are snake_case as on the wire.

export type Role =
  | 'citizen'
  | 'operator'
  | 'unit_staff'
  | 'leader'
  | 'alert_officer'
  | 'editor'
  | 'admin'
  | 'connector';

export interface Me {
  id: number;
  username: string;
  role: Role;
  unit: string | null;
  display_name: string;
  session_id?: string | null;
  home_ward?: string | null; // citizens: the 5-digit code of the ward whose hot alerts they get
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Record<string, string>;
  purpose?: string;
}

export interface Category {
  code: string;
  name: string;
  name_vi: string;
  name_en: string;
  deadline_days: number;
  sensitive: boolean;
  icon: string;
}

export type Kind = 'report' | 'idea';
export type ReportStatus =
  | 'received'
  | 'assigned'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'duplicate'
  | 'withdrawn';
export type StepStatus = ReportStatus | 'reopened';
export type TimelineAction =
  | 'submitted'
  | 'assigned'
  | 'transferred'
  | 'accepted'
  | 'progress'
  | 'note'
  | 'handed_back'
  | 'resolved'
  | 'rejected'
  | 'merged'
  | 'reclassified'
  | 'withdrawn'
  | 'rated'
  | 'reopened'
  | 'returned';

export interface CodeName {
  code: string;
  name?: string;
}

export interface Photo {
  id: string;
  url: string;
  thumbnail_url: string;
}

export interface Actor {
  kind: 'citizen' | 'unit' | 'operator' | 'system';
  name: string;
  unit?: string;
}

export interface TimelineEntry {
  id: number;
  at: string;
  action: TimelineAction;
  status: StepStatus | null;
  actor: Actor;
  message: string | null;
  photos?: Photo[];
}

export interface Report {
  id: number;
  code: string;
  kind: Kind;
  category: CodeName;
  description: string;
  status: ReportStatus;
  overdue: boolean;
  created_at: string;
  updated_at: string;
  due_at: string;
  assigned_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  location: { lat: number | null; lon: number | null; address: string | null } | null;
  ward: CodeName | null;
  unit: CodeName | null;
  rating: { score: number; comment: string | null } | null;
  merged_into: string | null;
  reopen_count: number;
  follower_count: number;
  support_count?: number;
  photos?: Photo[];
  timeline?: TimelineEntry[];
  // Author view only.
  public?: boolean;
  anonymous?: boolean;
  channel?: 'app' | 'web';
  mine?: boolean;
  following?: boolean;
  // Lists near a point only: whole metres from it.
  distance_m?: number;
}

export interface Area {
  code: string;
  name: string;
  name_vi: string;
  name_en: string;
  kind: 'phuong' | 'xa' | 'dac_khu';
  centroid: { lat: number; lon: number };
}

// GET /api/v1/config: what the apps need of the server's configuration.
export interface ClientConfig {
  map_tiles_url: string; // empty: no base map
  map_attribution: string;
  policy_version: string;
  vneid_sign_in: boolean;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface NewReport {
  kind: Kind;
  category: string;
  description: string;
  lat?: number;
  lon?: number;
  address?: string;
  anonymous: boolean;
  public: boolean;
  photos: string[];
  channel: 'app' | 'web';
}

export interface Media {
  id: string;
  url: string;
  thumbnail_url: string;
  width: number;
  height: number;
  bytes: number;
  content_type: string;
}

export type ConsentPurpose = 'terms' | 'location' | 'notifications';

export interface ConsentItem {
  purpose: ConsentPurpose;
  title: string;
  summary: string;
  current_policy_version: string;
  granted: boolean;
  answer: {
    purpose: string;
    granted: boolean;
    policy_version: string;
    at: string;
    source: 'app' | 'sign_in' | 'demo';
  } | null;
}

export interface SessionInfo {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
  current: boolean;
}

export interface DeletionResult {
  deleted: true;
  remains: { what: string; count?: number; why: string }[];
}

export interface SignedIn {
  user: Me;
  session_id: string;
  csrf_token: string;
  expires_at: string;
  recovery_codes?: string[];
}

export interface TotpEnrolment {
  status: 'totp_enrolment_required';
  ticket: string;
  secret: string;
  otpauth_uri: string;
}

// News and announcements (GET /api/v1/news, /api/v1/news/{id}; the staff views add `body_md`).
export type NewsKind = 'announcement' | 'news' | 'guide';
export type NewsState = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface NewsItem {
  id: number;
  kind: NewsKind;
  title: string;
  summary: string;
  body_md?: string; // staff views only
  body_html?: string; // the detail: rendered and sanitized by the server, safe to inject
  cover: Photo | null;
  pinned: boolean;
  state: NewsState;
  publish_at: string | null;
  published_at: string | null; // the time readers see
  updated_at: string;
  important: boolean; // an announcement that notified opted-in citizens
  url: string;
}

export interface NewsPage {
  items: NewsItem[];
  total: number;
  page: number;
  per_page: number;
}
