/** Pure parts of the ClickHouse HTTP interface: the settings allow-list, multipart fields, Native re-framing. */
import { describe, expect, it } from 'vitest';
import { ClickHouseHttpError, statusOf } from '../../../storage/clickhouse-http/errors.js';
import { multipartBoundary, parseMultipart } from '../../../storage/clickhouse-http/multipart.js';
import { NativeUpgrader, parseType } from '../../../storage/clickhouse-http/native-blocks.js';
import { requestSettings, setStatement } from '../../../storage/clickhouse-http/settings-policy.js';

const caps = { maxExecutionTimeSeconds: 60, maxMemoryUsageBytes: 1e9, maxThreads: 2 };

describe('settings allow-list', () => {
  it('passes output-format and limit settings for analyst, clamped to the caps, and collects param_', () => {
    const search = new URLSearchParams(
      'output_format_json_quote_64bit_integers=1&max_execution_time=0&max_threads=64&param_x=a%27b&database=earshot&readonly=1',
    );
    expect(requestSettings('analyst', search, caps)).toEqual({
      settings: [
        ['max_execution_time', '60'],
        ['max_threads', '2'],
        ['output_format_json_quote_64bit_integers', '1'],
      ],
      params: { x: "a'b" },
      readOnly: true,
    });
  });

  it('refuses what a read user may not change, and readonly=0 / allow_ddl for everyone', () => {
    for (const [user, query] of [
      ['analyst', 'allow_ddl=1'],
      ['analyst', 'readonly=0'],
      ['grafana', 'max_threads=1'],
      ['writer', 'allow_ddl=1'],
      ['writer', 'readonly=0'],
    ] as const) {
      const attempt = (): unknown => requestSettings(user, new URLSearchParams(query), caps);
      expect(attempt, `${user} ${query}`).toThrow(ClickHouseHttpError);
      try {
        attempt();
      } catch (error) {
        expect((error as ClickHouseHttpError).code).toBe(164);
      }
    }
    expect(() => requestSettings('writer', new URLSearchParams('x%3By=1'), caps)).toThrow(/Unknown setting/);
  });

  it('quotes setting values that are not numbers', () => {
    expect(setStatement('session_timezone', "UT'C\\")).toBe("SET session_timezone = 'UT\\'C\\\\'");
    expect(setStatement('max_threads', '2')).toBe('SET max_threads = 2');
  });

  it('maps codes to the statuses clients expect', () => {
    expect([statusOf(516), statusOf(164), statusOf(60), statusOf(62), statusOf(202), statusOf(395)]).toEqual([
      401, 403, 404, 400, 503, 500,
    ]);
  });
});

describe('multipart bodies', () => {
  it('reads text fields and refuses file parts', () => {
    const boundary = multipartBoundary('multipart/form-data; boundary=----b1')!;
    const body = Buffer.from(
      '------b1\r\nContent-Disposition: form-data; name="query"\r\n\r\nSELECT {s:String}\r\n' +
        '------b1\r\nContent-Disposition: form-data; name="param_s"\r\n\r\nline1\r\nline2\r\n------b1--\r\n',
    );
    expect(Object.fromEntries(parseMultipart(body, boundary))).toEqual({
      query: 'SELECT {s:String}',
      param_s: 'line1\r\nline2',
    });
    const file = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="t"; filename="x"\r\n\r\n1\r\n--b--\r\n',
    );
    expect(() => parseMultipart(file, 'b')).toThrow(/External data/);
    expect(multipartBoundary('text/plain')).toBeNull();
  });
});

describe('Native re-framing', () => {
  it('parses nested and named types', () => {
    expect(parseType('Array(Tuple(aspect String, sentiment Float32))')).toMatchObject({
      name: 'Array',
      args: [{ name: 'Tuple', args: [{ name: 'String' }, { name: 'Float32' }] }],
    });
    expect(parseType("DateTime64(3, 'UTC')")).toMatchObject({ name: 'DateTime64', raw: ['3', "'UTC'"] });
  });

  it('adds BlockInfo and the custom-serialization flag, across chunk boundaries', async () => {
    // chDB's Native for SELECT 1 AS x (UInt8), twice, split mid-block.
    const block = Buffer.from([0x01, 0x01, 0x01, 0x78, 0x05, ...Buffer.from('UInt8'), 0x01]);
    const input = Buffer.concat([block, block]);
    const out: Buffer[] = [];
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield input.subarray(0, 7);
      yield input.subarray(7);
    }
    for await (const chunk of new NativeUpgrader(54460).transform(chunks())) out.push(Buffer.from(chunk));
    const upgraded = Buffer.from([
      0x01,
      0x00,
      0x02,
      0xff,
      0xff,
      0xff,
      0xff,
      0x00,
      0x01,
      0x01,
      0x01,
      0x78,
      0x05,
      ...Buffer.from('UInt8'),
      0x00,
      0x01,
    ]);
    expect(Buffer.concat(out).equals(Buffer.concat([upgraded, upgraded]))).toBe(true);
  });

  it('fails loudly on a truncated stream', async () => {
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield Buffer.from([0x01, 0x02, 0x01, 0x78]);
    }
    const run = async (): Promise<void> => {
      for await (const chunk of new NativeUpgrader(54460).transform(chunks())) void chunk;
    };
    await expect(run()).rejects.toThrow(/ended inside a block/);
  });
});
