/** The wire layer on its own: EJSON in and out, `$tcb_server_date`, generated ids. */
import { Clock } from '../../../localcloud/clock';
import { decodeEjson, encodeEjson } from '../../../localcloud/db/wire/ejson';
import { idKey, newDocumentId } from '../../../localcloud/db/wire/ids';

const clock = new Clock(() => Date.UTC(2026, 0, 1));

describe('decodeEjson', () => {
  it('unwraps canonical numbers, dates and regexps into JS values', () => {
    const text =
      '{"i":{"$numberInt":"5"},"d":{"$numberDouble":"0.15"},"l":{"$numberLong":"1099511627776"},' +
      '"at":{"$date":{"$numberLong":"1704164645678"}},"re":{"$regularExpression":{"pattern":"^pa","options":"ix"}},' +
      '"list":[{"$numberInt":"1"},{"n":{"$numberDouble":"NaN"}}]}';
    const value = decodeEjson(text, clock, 'data') as Record<string, unknown>;
    expect(value).toEqual({
      i: 5,
      d: 0.15,
      l: 1099511627776,
      at: new Date(1704164645678),
      re: /^pa/i,
      list: [1, { n: NaN }],
    });
  });

  it('resolves $tcb_server_date with the clock, at any depth and with its offset', () => {
    const text =
      '{"a":{"$tcb_server_date":{"offset":{"$numberInt":"0"}}},' +
      '"b":{"$lt":{"$tcb_server_date":{"offset":{"$numberInt":"-1000"}}}},' +
      '"c":[{"$tcb_server_date":{"offset":{"$numberInt":"60000"}}}]}';
    const now = clock.now();
    expect(decodeEjson(text, clock, 'query')).toEqual({
      a: new Date(now),
      b: { $lt: new Date(now - 1000) },
      c: [new Date(now + 60000)],
    });
    clock.advance(5000);
    expect(decodeEjson(text, clock, 'query')).toMatchObject({ a: new Date(now + 5000) });
  });

  it('refuses text that is not EJSON as INVALID_PARAM', () => {
    expect(() => decodeEjson('{nope', clock, 'query')).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAM' }),
    );
  });
});

describe('encodeEjson', () => {
  it('writes canonical EJSON, which the SDKs parse back into Dates and numbers', () => {
    expect(encodeEjson({ _id: 'a', n: 1, f: 1.5, at: new Date(0) })).toBe(
      '{"_id":"a","n":{"$numberInt":"1"},"f":{"$numberDouble":"1.5"},"at":{"$date":{"$numberLong":"0"}}}',
    );
  });
});

describe('ids', () => {
  it('generates 32 lowercase hex characters carrying the clock in seconds at bytes 4-7', () => {
    const id = newDocumentId(clock);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(parseInt(id.slice(8, 16), 16)).toBe(Math.floor(clock.now() / 1000));
    const many = new Set(Array.from({ length: 10_000 }, () => newDocumentId(clock)));
    expect(many.size).toBe(10_000);
  });

  it('keys ids by value: strings and numbers apart, 1 and 1.0 together', () => {
    expect(idKey('1')).not.toBe(idKey(1));
    expect(idKey(1)).toBe(idKey(1.0));
    expect(idKey('abc')).toBe('s:abc');
  });
});
