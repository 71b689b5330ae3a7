/**
 * infra/clickhouse/: the users, profiles and quotas a ClickHouse server needs for Earshot, parsed as
 * the server parses them (XML) and checked against the users the code expects.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { HTTP_USERS } from '../../../storage/clickhouse-http/users.js';

const file = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../infra/clickhouse/${path}`, import.meta.url)), 'utf8');

// Attributes (from_env) kept as `@_from_env`; every leaf kept as text so numbers compare as ClickHouse reads them.
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === 'query',
});

interface User {
  password: { '@_from_env': string };
  profile: string;
  quota: string;
  networks: { ip: string };
  grants: { query: string[] };
}
type Profile = Record<string, unknown> & { constraints?: Record<string, Record<string, unknown>> };

const users = parser.parse(file('users.d/earshot.xml')).clickhouse as {
  users: Record<string, User>;
  profiles: Record<string, Profile>;
  quotas: Record<string, { interval: Record<string, string> }>;
};

describe('infra/clickhouse/users.d/earshot.xml', () => {
  it('declares exactly the users Earshot expects (the same as the embedded HTTP interface)', () => {
    expect(Object.keys(users.users).sort()).toEqual([...HTTP_USERS].sort());
  });

  it('takes every password from the server environment, never from the file', () => {
    for (const [name, user] of Object.entries(users.users)) {
      expect(user.password['@_from_env'], name).toBe(`EARSHOT_${name.toUpperCase()}_PASSWORD`);
    }
    expect(file('users.d/earshot.xml')).not.toMatch(/<password>[^<]/);
  });

  it('points every user at a profile and a quota that exist', () => {
    for (const [name, user] of Object.entries(users.users)) {
      expect(users.profiles[user.profile], `${name} profile`).toBeDefined();
      expect(users.quotas[user.quota], `${name} quota`).toBeDefined();
      expect(users.quotas[user.quota]!.interval.duration).toBe('3600');
    }
  });

  it('keeps grafana and analyst read-only, each allowed to set max_execution_time (the Grafana plugin sends it)', () => {
    for (const name of ['grafana', 'analyst']) {
      const profile = users.profiles[users.users[name]!.profile]!;
      expect(profile.readonly, name).toBe('1');
      expect(profile.constraints?.max_execution_time, name).toHaveProperty('changeable_in_readonly');
      expect(users.users[name]!.grants.query, name).toEqual(['GRANT SELECT, SHOW ON earshot.*']);
    }
  });

  it('lets the writer run migrations on the earshot database and nothing outside it', () => {
    const writer = users.users.writer!;
    expect(users.profiles[writer.profile]!.readonly).toBeUndefined();
    expect(writer.grants.query.length).toBeGreaterThan(0);
    for (const grant of writer.grants.query) expect(grant).toMatch(/ ON earshot\.\*$/);
    expect(writer.grants.query.join(' ')).toMatch(/INSERT/);
    expect(writer.grants.query.join(' ')).toMatch(/CREATE TABLE/);
  });
});

describe('infra/clickhouse/cluster', () => {
  const cluster = parser.parse(file('cluster/cluster.xml')).clickhouse as {
    remote_servers: {
      earshot: {
        shard: Array<{ internal_replication: string; replica: Array<{ host: string; port: string }> }>;
      };
    };
    macros: Record<string, unknown>;
    zookeeper: { node: Array<{ host: string; port: string }> };
  };
  const keeper = parser.parse(file('cluster/keeper.xml')).clickhouse as {
    keeper_server: {
      tcp_port: string;
      server_id: { '@_from_env': string };
      raft_configuration: { server: Array<{ id: string; hostname: string }> };
    };
  };

  it('defines two shards of two replicas with internal replication', () => {
    const shards = cluster.remote_servers.earshot.shard;
    expect(shards).toHaveLength(2);
    for (const shard of shards) {
      expect(shard.internal_replication).toBe('true');
      expect(shard.replica).toHaveLength(2);
    }
    const hosts = shards.flatMap((s) => s.replica.map((r) => r.host));
    expect(new Set(hosts).size).toBe(4);
  });

  it('takes each server identity ({shard}, {replica}) from its environment and names the cluster', () => {
    expect(cluster.macros).toEqual({
      cluster: 'earshot',
      shard: { '@_from_env': 'CH_SHARD' },
      replica: { '@_from_env': 'CH_REPLICA' },
    });
  });

  it('points the servers at every keeper of the raft configuration, on the keeper port', () => {
    const raftHosts = keeper.keeper_server.raft_configuration.server.map((s) => s.hostname);
    expect(raftHosts).toHaveLength(3);
    expect(cluster.zookeeper.node.map((n) => n.host)).toEqual(raftHosts);
    for (const node of cluster.zookeeper.node) expect(node.port).toBe(keeper.keeper_server.tcp_port);
    expect(keeper.keeper_server.server_id['@_from_env']).toBe('KEEPER_SERVER_ID');
  });
});
