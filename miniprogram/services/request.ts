/**
 * The only way the mini program reaches the backend. Every service function calls `callFunction`,
 * which unwraps the API envelope: it resolves with `data` or rejects with a `ServiceError`.
 */
import type { FieldProblem } from '../../shared/errors';
import { runtimeConfig } from '../config';

export interface ServiceErrorBody {
  code: string;
  message: string;
  /** VALIDATION: each problem with the input field it concerns (shared/errors.ts FieldProblem). */
  fields?: FieldProblem[];
}

export class ServiceError extends Error {
  code: string;
  fields: FieldProblem[];

  constructor(body: ServiceErrorBody) {
    super(body.message);
    this.code = body.code;
    this.fields = Array.isArray(body.fields) ? body.fields : [];
  }
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: ServiceErrorBody };

function viaCloud<T>(name: string, event: Record<string, unknown>): Promise<Envelope<T>> {
  return wx.cloud.callFunction({ name, data: event }).then((res) => res.result as unknown as Envelope<T>);
}

function viaLocal<T>(name: string, event: Record<string, unknown>): Promise<Envelope<T>> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${runtimeConfig.localUrl}/fn/${name}`,
      method: 'POST',
      data: event,
      header: { 'content-type': 'application/json', 'x-openid': runtimeConfig.localOpenid },
      success: (res) => resolve(res.data as Envelope<T>),
      fail: (err) => reject(new ServiceError({ code: 'NETWORK', message: err.errMsg })),
    });
  });
}

/** 调用云函数 `name` 的 `action`，返回 data；失败时抛出 ServiceError */
export async function callFunction<T>(name: string, action: string, params: object = {}): Promise<T> {
  const event = { ...params, action };
  const envelope =
    runtimeConfig.mode === 'cloud' ? await viaCloud<T>(name, event) : await viaLocal<T>(name, event);
  if (!envelope || typeof envelope !== 'object') {
    throw new ServiceError({ code: 'INTERNAL', message: '服务返回格式错误' });
  }
  if (!envelope.ok) throw new ServiceError(envelope.error);
  return envelope.data;
}
