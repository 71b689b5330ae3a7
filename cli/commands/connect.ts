/**
 * `earshot connect [--user analyst|grafana|writer] [--json]`: how to reach the running embedded store over
 * ClickHouse's HTTP interface (docs/sql-access.md): host, port, database, user, password and a URL, plus
 * snippets for clickhouse-connect, @clickhouse/client, DBeaver/JDBC and a Grafana datasource.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { EXAMPLE_QUERIES } from '../../storage/schema.js';
import { dataDirOption } from '../options.js';

/** The users of the interface (storage/clickhouse-http/users.ts's HTTP_USERS, repeated for a light import). */
const USERS = ['analyst', 'grafana', 'writer'] as const;
type User = (typeof USERS)[number];

interface ConnectOptions {
  user: User;
  json?: boolean;
  dataDir?: string;
}

/** What `--json` prints. */
export interface ConnectInfo {
  host: string;
  port: number;
  database: string;
  user: User;
  password: string;
  /** `http://host:port` (no credentials in it: pass them as user / password). */
  url: string;
  role: string;
  snippets: Record<'python' | 'javascript' | 'jdbc' | 'grafana', string>;
}

export function registerConnectCommand(program: Command): void {
  program
    .command('connect')
    .description(
      "how to connect a ClickHouse client (Python, JS, DBeaver, Grafana) to the running `earshot up`'s store",
    )
    .addOption(
      new Option(
        '--user <name>',
        'which user: analyst (read-only SQL), grafana (dashboards), writer (extra workers)',
      )
        .choices(USERS)
        .default('analyst'),
    )
    .option('--json', 'print the connection as JSON')
    .addOption(dataDirOption())
    .action(async (opts: ConnectOptions) => {
      const { resolveDataDir } = await import('../data-dir.js');
      const { readHttpEndpoint, readHttpUsers, USER_ROLES } =
        await import('../../storage/clickhouse-http/index.js');
      if (!(USERS as readonly string[]).includes(opts.user))
        throw new InvalidArgumentError(`unknown user ${opts.user}`);
      const dataDir = resolveDataDir(opts.dataDir, process.env);
      const endpoint = readHttpEndpoint(dataDir);
      const users = readHttpUsers(dataDir);
      if (!endpoint || !users) {
        throw new Error(
          `No running \`earshot up\` serves ${dataDir}. Start it (npm start, or npx earshot up) and run this again ` +
            'in another terminal; with CLICKHOUSE_URL set, connect your tools to that server instead.',
        );
      }
      const host = new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '');
      const info = connectInfo({
        host,
        port: endpoint.port,
        database: endpoint.database,
        user: opts.user,
        password: users[opts.user],
        url: endpoint.url,
        role: USER_ROLES[opts.user],
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
        return;
      }
      const lines = [
        `Earshot's embedded store over ClickHouse's HTTP interface (${info.role}):`,
        '',
        `  host      ${info.host}`,
        `  port      ${info.port}`,
        `  database  ${info.database}`,
        `  user      ${info.user}`,
        `  password  ${info.password}`,
        `  url       ${info.url}`,
        '',
        'Python (pip install clickhouse-connect):',
        indent(info.snippets.python),
        'Node (npm install @clickhouse/client):',
        indent(info.snippets.javascript),
        'DBeaver / JDBC (driver "ClickHouse", HTTP):',
        indent(info.snippets.jdbc),
        'Grafana datasource (provisioning YAML, plugin grafana-clickhouse-datasource, protocol http):',
        indent(info.snippets.grafana),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

const indent = (text: string): string => `${text.replace(/^/gm, '    ')}\n`;

/** Builds the snippets; values are JSON-quoted so a password can never break out of its string. */
export function connectInfo(base: Omit<ConnectInfo, 'snippets'>): ConnectInfo {
  const q = (value: string | number): string => JSON.stringify(value);
  return {
    ...base,
    snippets: {
      python: [
        'import clickhouse_connect',
        `client = clickhouse_connect.get_client(host=${q(base.host)}, port=${base.port}, username=${q(base.user)}, password=${q(base.password)}, database=${q(base.database)})`,
        `print(client.query(${q(EXAMPLE_QUERIES.volumeByBrand)}).result_rows)`,
      ].join('\n'),
      javascript: [
        "import { createClient } from '@clickhouse/client';",
        `const client = createClient({ url: ${q(base.url)}, username: ${q(base.user)}, password: ${q(base.password)}, database: ${q(base.database)} });`,
        `const rows = await (await client.query({ query: ${q(EXAMPLE_QUERIES.volumeByBrand)}, format: 'JSONEachRow' })).json();`,
      ].join('\n'),
      jdbc: [
        `URL:      jdbc:clickhouse://${base.host.includes(':') ? `[${base.host}]` : base.host}:${base.port}/${base.database}`,
        `User:     ${base.user}`,
        `Password: ${base.password}`,
      ].join('\n'),
      grafana: [
        'apiVersion: 1',
        'datasources:',
        '  - name: Earshot',
        '    type: grafana-clickhouse-datasource',
        '    jsonData:',
        `      host: ${q(base.host)}`,
        `      port: ${base.port}`,
        '      protocol: http',
        `      username: ${q(base.user)}`,
        `      defaultDatabase: ${q(base.database)}`,
        '    secureJsonData:',
        `      password: ${q(base.password)}`,
      ].join('\n'),
    },
  };
}
