import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, ErrorCode, fromDatabaseError, invalid, isErrorCode, notFound, orNotFound, sqlState } from './errors';

describe('error codes', () => {
  it('the catalog describes every code, with an HTTP status and a meaning', () => {
    for (const c of Object.values(ErrorCode)) {
      expect(ERROR_CATALOG[c], c).toBeDefined();
      // 4xx/5xx, or 200 where a convention says so (a persisted-query miss, as Apollo clients expect).
      expect([200, 4, 5]).toContain(ERROR_CATALOG[c].httpStatus === 200 ? 200 : Math.floor(ERROR_CATALOG[c].httpStatus / 100));
      expect(ERROR_CATALOG[c].meaning.length).toBeGreaterThan(10);
    }
    expect(Object.keys(ERROR_CATALOG).sort()).toEqual(Object.values(ErrorCode).sort());
  });
  it('isErrorCode knows the catalogued codes only (not inherited names)', () => {
    expect(isErrorCode('CONFLICT')).toBe(true);
    for (const c of ['conflict', 'toString', '__proto__', 42, null]) expect(isErrorCode(c)).toBe(false);
  });
  it('invalid and notFound name the field or record', () => {
    expect(invalid('name', 'must not be empty').extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'name' });
    expect(invalid('leadOn', 'x', ErrorCode.INVALID_DATE).extensions.code).toBe('INVALID_DATE');
    expect(notFound('Project', 9).extensions.code).toBe('NOT_FOUND');
    expect(notFound('Project', 9).message).toContain('9');
  });
  it('orNotFound passes rows through and turns null into NOT_FOUND', async () => {
    await expect(orNotFound(Promise.resolve({ id: 1 }), 'Park', 1)).resolves.toEqual({ id: 1 });
    await expect(orNotFound(null, 'Park', 2)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('database errors', () => {
  it('reads the SQLSTATE from pg, PGlite and TypeORM-wrapped errors, and nothing else', () => {
    expect(sqlState({ code: '23505' })).toBe('23505');
    expect(sqlState({ driverError: { code: '23503' } })).toBe('23503');
    for (const e of [{ code: 'ECONNREFUSED' }, { code: 23505 }, null, new Error('x')]) expect(sqlState(e)).toBeUndefined();
  });
  it('maps known states to coded errors with no values or constraint names, and unknown ones to null', () => {
    const e = fromDatabaseError({ code: '23505', detail: 'Key (voucher_ref)=(V-1) already exists', constraint: 'fund_voucher_uq' })!;
    expect(e.extensions.code).toBe('CONFLICT');
    expect(e.message).not.toMatch(/V-1|fund_voucher_uq|voucher_ref/);
    expect(fromDatabaseError({ code: '22001' })!.extensions.code).toBe('TEXT_TOO_LONG');
    expect(fromDatabaseError({ code: '22P05' })!.extensions.code).toBe('INVALID_TEXT');
    expect(fromDatabaseError({ code: '40001' })).toBeNull();
    expect(fromDatabaseError(new Error('boom'))).toBeNull();
  });
});
