import { AtriumError, createClient, type Media, type Problem } from '@atrium/sdk';
import { deviceHeaders } from './device.js';

/** Reads a cookie the server made readable to scripts (only the CSRF token is). */
export function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return decodeURIComponent(trimmed.slice(prefix.length));
  }
  return null;
}

const csrfToken = () => readCookie('atrium_csrf');

/**
 * The one API client of the web app. It relies on the HttpOnly session cookie set at sign-in;
 * the token in sign-in answers is never kept in JavaScript.
 */
export const api = createClient({ baseUrl: '', csrfToken, headers: deviceHeaders });

/** A failed request's stable code: the problem's `code`, or OFFLINE when the network failed. */
export function errorCode(error: unknown): string {
  if (error instanceof AtriumError) return error.code;
  if (error instanceof UploadError) return error.code;
  // fetch rejects with a TypeError when the network fails; so does a lazy screen's import.
  if (error instanceof TypeError) return 'OFFLINE';
  return 'INTERNAL_ERROR';
}

export class UploadError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'UploadError';
  }
}

/**
 * Uploads one image as multipart field `file`, reporting progress (0–1). XMLHttpRequest, not
 * fetch: fetch cannot report upload progress.
 */
export function uploadMedia(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Media> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/media');
    request.setRequestHeader('accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        data = undefined;
      }
      if (request.status === 201 || request.status === 200) {
        onProgress(1);
        resolve(data as Media);
        return;
      }
      const problem = data as Partial<Problem> | undefined;
      reject(
        new UploadError(problem?.code ?? (request.status === 413 ? 'TOO_LARGE' : 'INTERNAL_ERROR')),
      );
    };
    request.onerror = () => reject(new UploadError('OFFLINE'));
    request.onabort = () => reject(new UploadError('ABORTED'));
    signal?.addEventListener('abort', () => request.abort());
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
