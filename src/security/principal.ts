import type { ClusterPrivilege } from './roles.js';

/** Who a request acts for, once authenticated. */
export interface Principal {
  readonly username: string;
  readonly roles: readonly string[];
  readonly privileges: ReadonlySet<ClusterPrivilege>;
  /** `realm`: Basic auth against the users file; `api_key`: an `Authorization: ApiKey` credential. */
  readonly authenticationType: 'realm' | 'api_key';
  readonly apiKey?: { readonly id: string; readonly name: string };
  /**
   * The owner recorded on the queries this principal submits. As in ES, resources created with an
   * API key belong to that key, not to the user who created the key: a leaked key cannot read the
   * user's other queries, and the user's password session cannot read the key's.
   */
  readonly owner: string;
}

/** Usernames may not contain `:` (Basic auth splits on it) nor `/` (owner strings of API keys use it). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@+-]{1,256}$/;

export const apiKeyOwner = (username: string, apiKeyId: string): string => `${username}/api_key/${apiKeyId}`;
