// The configuration of a Temporal server v1.29 on one PostgreSQL, as temporal-server.mjs writes
// it. Written as JSON, which is YAML too: the server reads it with its YAML loader, and nothing here
// needs a YAML writer. The keys follow the upstream config/development-postgres12.yaml.

/** The services of a single-host cluster; each needs a gRPC and a membership (ringpop) port. */
export const SERVICES = ['frontend', 'history', 'matching', 'worker'];

/**
 * Fixed when the cluster is first created and never changeable afterwards. 4, as in upstream's
 * development configs: a production cluster has hundreds, which only pays off with many hosts.
 */
const HISTORY_SHARDS = 4;

/**
 * @param {object} o
 * @param {string} o.host the address every service binds to and announces (loopback)
 * @param {Record<string, {grpc: number, membership: number}>} o.ports one entry per SERVICES name
 * @param {{port: number, user: string, password: string}} o.postgres
 * @param {string} o.dynamicConfigPath
 */
export function serverConfig({ host, ports, postgres, dynamicConfigPath }) {
  const store = (databaseName, maxConns) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      // Every service opens its own pools: 4 × (20 + 2) stays under PostgreSQL's 100 connections.
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  return {
    // Only what needs a look; the server logs JSON lines.
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: { default: store('temporal', 20), visibility: store('temporal_visibility', 2) },
    },
    // No metrics block (no Prometheus listener) and no pprof port: nothing listens but the services.
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: host } },
    services: Object.fromEntries(
      SERVICES.map((name) => [
        name,
        {
          rpc: {
            grpcPort: ports[name].grpc,
            membershipPort: ports[name].membership,
            bindOnIP: host,
          },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        // Stored on first start; the server updates the stored address when the port changes.
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `${host}:${ports.frontend.grpc}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigPath, pollInterval: '10s' },
  };
}

/** The dynamic config file: `{ key: value }` becomes `key: [{ value }]`, for every namespace. */
export function dynamicConfig(values) {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, [{ value, constraints: {} }]]),
  );
}
