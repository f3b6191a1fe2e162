/**
 * Cluster privileges qactor checks, named as in Elasticsearch. `all` implies every other one.
 * Running queries and managing one's own API keys need no privilege beyond being authenticated.
 */
export const CLUSTER_PRIVILEGES = ['all', 'cancel_task', 'manage_api_key'] as const;
export type ClusterPrivilege = (typeof CLUSTER_PRIVILEGES)[number];

export interface RoleDescriptor {
  readonly cluster: readonly ClusterPrivilege[];
}

/** Always defined; a users file may add more but not redefine these. */
export const BUILT_IN_ROLES: Readonly<Record<string, RoleDescriptor>> = {
  superuser: { cluster: ['all'] },
  /** Runs queries and sees only its own. */
  user: { cluster: [] },
  /** May DELETE anyone's query, as ES's `cancel_task` cluster privilege allows. */
  task_canceller: { cluster: ['cancel_task'] },
};

export const isClusterPrivilege = (name: string): name is ClusterPrivilege =>
  (CLUSTER_PRIVILEGES as readonly string[]).includes(name);

/** The privileges granted by a set of role names; unknown roles grant nothing (ES ignores them too). */
export function privilegesOf(
  roleNames: readonly string[],
  roles: Readonly<Record<string, RoleDescriptor>>,
): ReadonlySet<ClusterPrivilege> {
  const out = new Set<ClusterPrivilege>();
  for (const name of roleNames) {
    const role = Object.hasOwn(BUILT_IN_ROLES, name) ? BUILT_IN_ROLES[name] : Object.hasOwn(roles, name) ? roles[name] : undefined;
    for (const p of role?.cluster ?? []) out.add(p);
  }
  return out;
}

export const hasPrivilege = (granted: ReadonlySet<ClusterPrivilege>, wanted: ClusterPrivilege): boolean =>
  granted.has('all') || granted.has(wanted);
