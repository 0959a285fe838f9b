import { describe, expect, it } from 'vitest';
import { JsonText, dataResponseBody, graphqlResponseBody } from './json-text';

describe('GraphQL response bodies from JSON text', () => {
  it('dataResponseBody writes the bytes graphqlResponseBody writes for { data } of JsonText', () => {
    const keys = ['parks', 'a"b', '名称', 'nothing'];
    const texts = ['{"nodes" : [{"id" : "1", "name" : "商丘\\"园"}]}', '[1, 2.5]', '"text"', null];
    const data = Object.fromEntries(keys.map((k, i) => { const text = texts[i]; return [k, text === null ? null : new JsonText(text)]; }));
    expect(dataResponseBody(keys, texts)).toBe(graphqlResponseBody({ data }));
    expect(JSON.parse(dataResponseBody(keys, texts)).data['a"b']).toEqual([1, 2.5]);
  });
});
