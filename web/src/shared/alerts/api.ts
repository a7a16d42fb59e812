// Hot alerts (CAP 1.2, issue 6): the shapes of the API's alerts and of the live stream's `alert`
// frames, and the endpoints, public and staff (alert officers, admins). Both apps load this with
// their alert screens, not in their first load (see vite.config.ts).
import { request } from '../api/client';

const v1 = '/api/v1';

export type MsgType = 'Alert' | 'Update' | 'Cancel';
export type AlertStatus = 'Actual' | 'Exercise' | 'Test';
export type AlertState = 'draft' | 'sent' | 'discarded';
export type Category = 'Met' | 'Geo' | 'Safety' | 'Security' | 'Rescue' | 'Fire' | 'Health' | 'Env' | 'Transport' | 'Infra' | 'CBRNE' | 'Other';
export type Urgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type Severity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type Certainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

export const categories: Category[] = ['Met', 'Geo', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'];
export const urgencies: Urgency[] = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
export const severities: Severity[] = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
export const certainties: Certainty[] = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'];
export const statuses: AlertStatus[] = ['Actual', 'Exercise', 'Test'];

// One language's texts of an alert (CAP `info`).
export interface InfoTexts {
  event: string;
  headline: string;
  description: string;
  instruction: string;
  area_desc: string;
}
export const infoFields: (keyof InfoTexts)[] = ['event', 'headline', 'description', 'instruction', 'area_desc'];

export interface Circle {
  lat: number;
  lon: number;
  radius_km: number;
}

export interface AlertArea {
  city: boolean;
  wards: string[]; // 5-digit ward codes
  polygon: [number, number][] | null; // [lat, lon] pairs
  circle: Circle | null;
}

export interface Person {
  id: number;
  name: string;
}

export interface Figures {
  targeted: number;
  live: number;
  pushed: number;
  opened: number;
}

export interface Alert {
  id: number;
  identifier: string;
  sender: string;
  msg_type: MsgType;
  status: AlertStatus;
  references: number | null;
  state: AlertState;
  active: boolean;
  superseded_by: number | null;
  cancelled: boolean;
  category: Category;
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  info: { vi: InfoTexts; en: InfoTexts };
  onset: string | null;
  effective: string | null;
  expires: string;
  area: AlertArea;
  targeted_wards: string[];
  web: string;
  cap_url: string;
  sent_at: string | null;
  // Staff views only.
  drafted_by?: Person;
  edited_by?: Person | null; // who last changed the draft (may not approve it either)
  drafted_at?: string;
  approved_by?: Person | null;
  figures?: Figures;
}

// The data of an `alert` frame of the live stream.
export interface AlertFrame {
  event_id: number;
  alert: {
    id: number;
    msg_type: MsgType;
    status: AlertStatus;
    severity: Severity;
    urgency: Urgency;
    category: Category;
    headline: { vi: string; en?: string };
    expires: string;
    references: number | null;
    city: boolean;
    targeted_wards: string[];
    url: string;
  };
}

// What a draft is made of (POST and PUT /api/v1/staff/alerts).
export interface AlertBody {
  status: AlertStatus;
  category: Category;
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  info: { vi: InfoTexts; en: InfoTexts };
  onset?: string;
  expires: string;
  area: AlertArea;
  references?: number;
}

// Public.
export function listActiveAlerts(ward: string | null, signal?: AbortSignal) {
  const query = ward ? `?ward=${encodeURIComponent(ward)}` : '';
  return request<{ items: Alert[] }>('GET', `${v1}/alerts${query}`, signal ? { signal } : {});
}
export const getAlert = (id: number | string) => request<Alert>('GET', `${v1}/alerts/${encodeURIComponent(id)}`);
export const markOpened = (id: number, clientId: string) => request<void>('POST', `${v1}/alerts/${id}/opened`, { body: { client_id: clientId } });
export const setHomeWard = (ward: string | null) => request<{ home_ward: string | null }>('PUT', `${v1}/me/home-ward`, { body: { ward } });

// Staff.
const staff = `${v1}/staff/alerts`;
export const listStaffAlerts = (state: 'draft' | 'sent') => request<{ items: Alert[] }>('GET', `${staff}?state=${state}`);
export const getStaffAlert = (id: number | string) => request<Alert>('GET', `${staff}/${encodeURIComponent(id)}`);
export const createAlert = (body: AlertBody) => request<Alert>('POST', staff, { body });
export const updateDraft = (id: number, body: AlertBody) => request<Alert>('PUT', `${staff}/${id}`, { body });
export const approveAlert = (id: number) => request<Alert>('POST', `${staff}/${id}/approve`);
export const cancelAlert = (id: number) => request<Alert>('POST', `${staff}/${id}/cancel`);
