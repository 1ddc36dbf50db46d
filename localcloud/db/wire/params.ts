/** Typed access to the fields of a `database.*` request (NOTES.md §3.0). */
import type { TimeSource } from '../../clock';
import { invalidParam } from '../errors';
import { decodeEjsonDocument } from './ejson';
import type { Doc } from './values';

export type Params = Record<string, unknown>;

export function requiredString(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw invalidParam(`${name} must be a non-empty string`);
  return value;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(`${name} must be a string`);
  return value;
}

export function optionalBoolean(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidParam(`${name} must be a boolean`);
  return value;
}

export function optionalCount(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidParam(`${name} must be a non-negative integer`);
  }
  return value;
}

export function stringArray(params: Params, name: string): string[] {
  const value = params[name];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParam(`${name} must be an array of EJSON strings`);
  }
  return value as string[];
}

export function collectionName(params: Params): string {
  return requiredString(params, 'collectionName');
}

export function transactionId(params: Params): string | undefined {
  return optionalString(params, 'transactionId');
}

export type QueryType = 'WHERE' | 'DOC';

export function queryType(params: Params): QueryType {
  const value = params.queryType ?? 'WHERE';
  if (value !== 'WHERE' && value !== 'DOC') throw invalidParam('queryType must be WHERE or DOC');
  return value;
}

/** An EJSON document field; absent or empty means `{}` (no `where` → match everything). */
export function ejsonDocument(params: Params, name: string, clock: TimeSource): Doc {
  const text = optionalString(params, name);
  return text === undefined ? {} : decodeEjsonDocument(text, clock, name);
}
