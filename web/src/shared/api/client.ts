// The one way the front end talks to the server: JSON in and out, problem+json errors turned into
// ApiError (with `detail` and per-field `errors`), the session cookie sent with every request,
// X-CSRF-Token on unsafe methods, and Accept-Language so that the server's messages come in the
// language of the interface.
import { lang, t } from '../i18n';
import type { Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: Record<string, string>;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail || problem?.title || fallback);
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? (status === 0 ? 'network' : 'http_' + status);
    this.title = problem?.title ?? fallback;
    this.detail = problem?.detail || problem?.title || fallback;
    this.errors = problem?.errors ?? {};
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Called when the server answers 401 to a signed-in request (the session ended elsewhere or
// expired), so that the app can show its sign-in screen.
let unauthorizedHandler: ((error: ApiError) => void) | null = null;
export function onUnauthorized(handler: ((error: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

// The CSRF token the server set in the readable `cds_csrf` cookie at sign-in. A staff sign-in also
// returns it in its answer; rememberCsrfToken keeps that copy for browsers that hide the cookie.
let csrfFromAnswer = '';
export function rememberCsrfToken(token: string): void {
  csrfFromAnswer = token;
}
export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)cds_csrf=([^;]*)/);
  return (match && decodeURIComponent(match[1] ?? '')) || csrfFromAnswer;
}

export function requestHeaders(method: string, extra?: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': lang(),
    ...extra,
  };
  if (unsafeMethods.has(method)) {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  return headers;
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /^application\/([\w.+-]+\+)?json/i.test(contentType);
}

export function problemFrom(status: number, contentType: string | null, text: string): ApiError {
  let problem: Problem | null = null;
  if (isJson(contentType) && text) {
    try {
      const parsed = JSON.parse(text) as Partial<Problem>;
      if (parsed && typeof parsed === 'object') {
        problem = {
          type: parsed.type ?? '',
          title: parsed.title ?? '',
          status: parsed.status ?? status,
          detail: parsed.detail ?? '',
          code: parsed.code ?? '',
          ...(parsed.errors ? { errors: parsed.errors } : {}),
          ...(parsed.purpose ? { purpose: parsed.purpose } : {}),
        };
      }
    } catch {
      // Not JSON after all: fall through to the generic message.
    }
  }
  return new ApiError(status, problem, t('error.http', { status }));
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// Sends one request and returns the parsed JSON answer (undefined for an empty one).
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = requestHeaders(method, options.headers);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null, t('error.network'));
  }
  const text = await response.text();
  const contentType = response.headers.get('Content-Type');
  if (!response.ok) {
    const error = problemFrom(response.status, contentType, text);
    if (response.status === 401) unauthorizedHandler?.(error);
    throw error;
  }
  if (!text) return undefined as T;
  if (!isJson(contentType)) throw new ApiError(response.status, null, t('error.unexpected'));
  return JSON.parse(text) as T;
}

export interface UploadOptions {
  idempotencyKey?: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

// Sends a file as multipart/form-data with XMLHttpRequest, whose upload events give progress
// (fetch has none for request bodies).
export function upload<T>(path: string, field: string, file: Blob, filename: string, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const extra: Record<string, string> = {};
    if (options.idempotencyKey) extra['Idempotency-Key'] = options.idempotencyKey;
    for (const [name, value] of Object.entries(requestHeaders('POST', extra))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const contentType = xhr.getResponseHeader('Content-Type');
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(problemFrom(xhr.status, contentType, xhr.responseText));
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new ApiError(xhr.status, null, t('error.unexpected')));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, null, t('error.network')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append(field, file, filename);
    xhr.send(form);
  });
}
