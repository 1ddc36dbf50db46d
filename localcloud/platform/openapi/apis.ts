/**
 * The WeChat server APIs a function may call through `cloud.openapi`, answered locally with what WeChat
 * answers: the same JSON fields and error codes, a real (square) QR code instead of a round mini program
 * code, and subscribe messages delivered to the outbox instead of a phone.
 */
import crypto from 'node:crypto';
import type { Clock } from '../../clock';
import type { OPENAPI_NAMES } from '../../runner/functionConfig';
import type { Outbox } from './outbox';
import type { OpenApiResponse } from './protocol';
import { pathCodeText, renderCode, unlimitedCodeText } from './wxacode';

export type OpenApiName = (typeof OPENAPI_NAMES)[number];

export interface OpenApiContext {
  functionName: string;
  clock: Clock;
  outbox: Outbox;
}

type OpenApi = (
  params: Record<string, unknown>,
  ctx: OpenApiContext,
) => Promise<OpenApiResponse> | OpenApiResponse;

function weixinJson(body: Record<string, unknown>): OpenApiResponse {
  return { body: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=UTF-8' };
}

function weixinError(errcode: number, errmsg: string): OpenApiResponse {
  return weixinJson({ errcode, errmsg: `${errmsg} (localcloud)` });
}

/** WeChat's rule for `scene`: at most 32 visible characters of this set (no %, so no URL encoding). */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

function png(bytes: Buffer): OpenApiResponse {
  return { body: bytes, contentType: 'image/png' };
}

async function getUnlimited(params: Record<string, unknown>): Promise<OpenApiResponse> {
  const { scene } = params;
  if (typeof scene !== 'string' || !SCENE.test(scene)) {
    return weixinError(40169, 'invalid length for scene, or the data is not json string');
  }
  const page = params.page ?? '';
  // A leading slash or a query in `page` is refused by WeChat; parameters belong in `scene`.
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
    return weixinError(41030, 'invalid page');
  }
  return png(await renderCode(unlimitedCodeText(page, scene), params));
}

async function codeForPath(params: Record<string, unknown>): Promise<OpenApiResponse> {
  const pagePath = params.path;
  if (typeof pagePath !== 'string' || pagePath === '' || pagePath.length > 1024) {
    return weixinError(40159, 'invalid length for path, or the data is not json string');
  }
  return png(await renderCode(pathCodeText(pagePath), params));
}

function sendSubscribeMessage(params: Record<string, unknown>, ctx: OpenApiContext): OpenApiResponse {
  const { touser, template_id: templateId, data } = params;
  if (typeof touser !== 'string' || touser === '') return weixinError(40003, 'invalid openid');
  if (typeof templateId !== 'string' || templateId === '') return weixinError(40037, 'invalid template_id');
  if (data === null || typeof data !== 'object') return weixinError(47003, 'argument invalid! data is empty');
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  ctx.outbox.append({
    sentAt: ctx.clock.now(),
    functionName: ctx.functionName,
    touser,
    templateId,
    page: str(params.page),
    data,
    miniprogramState: str(params.miniprogram_state),
    lang: str(params.lang),
  });
  // No msgid: WeChat's is above 2^53, which the SDK's json-bigint would mangle (NOTES.md §6.3).
  return weixinJson({ errcode: 0, errmsg: 'ok' });
}

/** Every text passes: the local CloudBase has no content moderation to imitate. */
function msgSecCheck(params: Record<string, unknown>): OpenApiResponse {
  if (typeof params.content !== 'string') return weixinError(47001, 'data format error');
  if (params.version !== 2) return weixinJson({ errcode: 0, errmsg: 'ok' });
  return weixinJson({
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'pass', label: 100 },
    detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
    trace_id: crypto.randomBytes(12).toString('hex'),
  });
}

function imgSecCheck(): OpenApiResponse {
  return weixinJson({ errcode: 0, errmsg: 'ok' });
}

export const OPENAPIS: Record<OpenApiName, OpenApi> = {
  'wxacode.getUnlimited': getUnlimited,
  'wxacode.get': codeForPath,
  'wxacode.createQRCode': codeForPath,
  'subscribeMessage.send': sendSubscribeMessage,
  'security.msgSecCheck': msgSecCheck,
  'security.imgSecCheck': imgSecCheck,
};
