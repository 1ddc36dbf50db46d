/**
 * Paging of list actions: `page` counts from 1, `pageSize` defaults to 20 and stops at 100 so that one call
 * never reads more than a screenful or two. Lists answer `{ items, total, page, pageSize }`.
 */
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Spread into an action's z.object: `z.object({ status: …, ...pageFields })`. */
export const pageFields = {
  page: z.number({ error: '页码必须是整数' }).int({ error: '页码必须是整数' }).min(1).max(10_000).optional(),
  pageSize: z
    .number({ error: '每页条数必须是整数' })
    .int({ error: '每页条数必须是整数' })
    .min(1)
    .max(MAX_PAGE_SIZE, { error: `每页最多 ${MAX_PAGE_SIZE} 条` })
    .optional(),
};

export interface PageWindow {
  page: number;
  pageSize: number;
  skip: number;
}

export function pageWindow(input: { page?: number; pageSize?: number }): PageWindow {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, skip: (page - 1) * pageSize };
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
