/**
 * What a person reads when a call fails: the server's own message (the functions word their refusals in
 * Chinese), never a raw code; a network failure or anything unexpected gets a plain sentence.
 */
import type { ServiceError } from '../services/request';

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export function messageOf(error: unknown, fallback = '出错了，请稍后再试'): string {
  if (isServiceError(error)) {
    if (error.code === 'NETWORK') return '网络连接失败，请检查网络后重试';
    if (error.code === 'INTERNAL') return '服务暂时不可用，请稍后再试';
    return error.message || fallback;
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
