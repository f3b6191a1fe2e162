import { EsError } from '../errors.js';

/** ES's `WWW-Authenticate` challenges when both the native realm and API keys are enabled. */
export const AUTHENTICATE_CHALLENGES: readonly string[] = ['Basic realm="security", charset="UTF-8"', 'ApiKey'];

export const missingCredentials = (path: string) =>
  new EsError('security_exception', `missing authentication credentials for REST request [${path}]`);

export const unableToAuthenticateUser = (username: string, path: string) =>
  new EsError('security_exception', `unable to authenticate user [${username}] for REST request [${path}]`);

export const unableToAuthenticate = () =>
  new EsError(
    'security_exception',
    'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
  );

export const actionUnauthorized = (action: string, username: string) =>
  new EsError('security_exception', `action [${action}] is unauthorized for user [${username}]`, { status: 403 });
