/**
 * `wx.wxPayApi` (NOTES.md §6.4): cloudPay's calls answered as WeChat Pay answers them – snake_case JSON
 * sent as octet-stream bytes, WeChat-level failures as `return_code`/`result_code` FAIL (which the SDK
 * resolves, not throws). unifiedOrder records a payment, refund records a refund and succeeds at once,
 * queryOrder / closeOrder / queryRefund read and close them.
 */
import { TcbError, type TcbRegistry, type TcbReply, type TcbRequest } from '../../api/types';
import type { Clock } from '../../clock';
import type { InvocationRegistry } from '../../runner/invocations';
import { nonce, prepayId, refundId } from './ids';
import type { PaymentRecord, PaymentStore } from './payments';

/** The service provider's ids: the mini program pays through CloudBase's provider account. */
export const PROVIDER = { appid: 'wxd678efh567hg6787', mchId: '1230000109' };

export interface CloudPayDeps {
  payments: PaymentStore;
  invocations: InvocationRegistry;
  clock: Clock;
  appId: string;
}

type WxPayReply = Record<string, unknown>;
type Params = Record<string, unknown>;

function header(deps: CloudPayDeps, params: Params): WxPayReply {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: PROVIDER.appid,
    mch_id: PROVIDER.mchId,
    sub_appid: deps.appId,
    sub_mch_id: params.sub_mch_id,
    nonce_str: nonce(),
    sign: 'LOCALCLOUD',
  };
}

function fail(deps: CloudPayDeps, params: Params, errCode: string, description: string): WxPayReply {
  return { ...header(deps, params), result_code: 'FAIL', err_code: errCode, err_code_des: description };
}

/** A missing or malformed parameter: WeChat answers return_code FAIL before looking at the trade. */
function missing(params: Params, names: string[]): WxPayReply | null {
  for (const name of names) {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      return { return_code: 'FAIL', return_msg: `缺少参数 ${name}` };
    }
  }
  return null;
}

const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const OUT_NO = /^[0-9A-Za-z_\-|*]{1,32}$/;

function unifiedOrder(deps: CloudPayDeps, params: Params, payerOpenid: string | null): WxPayReply {
  const absent = missing(params, [
    'body',
    'out_trade_no',
    'total_fee',
    'spbill_create_ip',
    'sub_mch_id',
    'env_id',
    'function_name',
    'nonce_str',
    'trade_type',
  ]);
  if (absent) return absent;
  const outTradeNo = String(params.out_trade_no);
  if (!OUT_NO.test(outTradeNo)) return { return_code: 'FAIL', return_msg: 'out_trade_no 格式错误' };
  if (!isFen(params.total_fee)) return { return_code: 'FAIL', return_msg: 'total_fee 必须是正整数（分）' };
  if (params.trade_type !== 'JSAPI') return { return_code: 'FAIL', return_msg: 'trade_type 只支持 JSAPI' };

  const existing = deps.payments.get(outTradeNo);
  if (existing && existing.state !== 'NOTPAY') {
    return existing.state === 'CLOSED'
      ? fail(deps, params, 'ORDERCLOSED', '订单已关闭')
      : fail(deps, params, 'ORDERPAID', '该订单已支付');
  }
  if (existing && existing.totalFee !== params.total_fee) {
    return fail(deps, params, 'INVALID_REQUEST', '201 商户订单号重复');
  }
  const now = deps.clock.now();
  const record: PaymentRecord = {
    outTradeNo,
    totalFee: params.total_fee,
    body: String(params.body),
    attach: typeof params.attach === 'string' ? params.attach : null,
    functionName: String(params.function_name),
    envId: String(params.env_id),
    subMchId: String(params.sub_mch_id),
    payerOpenid: existing?.payerOpenid ?? payerOpenid,
    prepayId: prepayId(now),
    createdAt: existing?.createdAt ?? now,
    state: 'NOTPAY',
    paid: null,
    notifications: existing?.notifications ?? [],
    refunds: [],
  };
  deps.payments.save(record);
  const nonceStr = nonce();
  return {
    ...header(deps, params),
    result_code: 'SUCCESS',
    trade_type: 'JSAPI',
    prepay_id: record.prepayId,
    // What wx.requestPayment takes; CloudBase sends these keys in camelCase already.
    payment: {
      appId: deps.appId,
      timeStamp: String(Math.floor(now / 1000)),
      nonceStr,
      package: `prepay_id=${record.prepayId}`,
      signType: 'MD5',
      paySign: 'LOCALCLOUD',
    },
  };
}

function findPayment(deps: CloudPayDeps, params: Params): PaymentRecord | undefined {
  if (typeof params.out_trade_no === 'string') return deps.payments.get(params.out_trade_no);
  if (typeof params.transaction_id === 'string') {
    return deps.payments.all().find((p) => p.paid?.transactionId === params.transaction_id);
  }
  return undefined;
}

const TRADE_STATE_DESC: Record<PaymentRecord['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '已关闭',
};

function queryOrder(deps: CloudPayDeps, params: Params): WxPayReply {
  const payment = findPayment(deps, params);
  if (!payment) return fail(deps, params, 'ORDERNOTEXIST', '此交易订单号不存在');
  return {
    ...header(deps, params),
    result_code: 'SUCCESS',
    trade_state: payment.state,
    trade_state_desc: TRADE_STATE_DESC[payment.state],
    out_trade_no: payment.outTradeNo,
    total_fee: payment.totalFee,
    ...(payment.attach !== null ? { attach: payment.attach } : {}),
    ...(payment.paid
      ? {
          transaction_id: payment.paid.transactionId,
          cash_fee: payment.totalFee,
          time_end: payment.paid.timeEnd,
          sub_openid: payment.payerOpenid,
          trade_type: 'JSAPI',
          bank_type: 'OTHERS',
          fee_type: 'CNY',
        }
      : {}),
  };
}

function closeOrder(deps: CloudPayDeps, params: Params): WxPayReply {
  const payment = findPayment(deps, params);
  if (!payment) return fail(deps, params, 'ORDERNOTEXIST', '此交易订单号不存在');
  if (payment.state === 'SUCCESS' || payment.state === 'REFUND') {
    return fail(deps, params, 'ORDERPAID', '订单已支付，不能发起关单');
  }
  deps.payments.save({ ...payment, state: 'CLOSED' });
  return { ...header(deps, params), result_code: 'SUCCESS' };
}

function refund(deps: CloudPayDeps, params: Params): WxPayReply {
  const absent = missing(params, ['out_refund_no', 'total_fee', 'refund_fee', 'sub_mch_id', 'nonce_str']);
  if (absent) return absent;
  const payment = findPayment(deps, params);
  if (!payment) return fail(deps, params, 'ORDERNOTEXIST', '此交易订单号不存在');
  if (!payment.paid) return fail(deps, params, 'TRADE_STATE_ERROR', '订单未支付，不能退款');
  const outRefundNo = String(params.out_refund_no);
  const refundFee = params.refund_fee;
  if (!OUT_NO.test(outRefundNo)) return { return_code: 'FAIL', return_msg: 'out_refund_no 格式错误' };
  if (!isFen(refundFee) || params.total_fee !== payment.totalFee) {
    return fail(deps, params, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
  }
  const previous = payment.refunds.find((r) => r.outRefundNo === outRefundNo);
  if (previous && previous.refundFee !== refundFee) {
    return fail(deps, params, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
  }
  let record = previous;
  if (!record) {
    const refunded = payment.refunds.reduce((sum, r) => sum + r.refundFee, 0);
    if (refunded + refundFee > payment.totalFee) {
      return fail(deps, params, 'INVALID_REQUEST', '累计退款金额大于支付金额');
    }
    record = {
      outRefundNo,
      refundId: refundId(),
      refundFee,
      functionName: typeof params.function_name === 'string' ? params.function_name : null,
      createdAt: deps.clock.now(),
    };
    deps.payments.save({ ...payment, state: 'REFUND', refunds: [...payment.refunds, record] });
  }
  return {
    ...header(deps, params),
    result_code: 'SUCCESS',
    transaction_id: payment.paid.transactionId,
    out_trade_no: payment.outTradeNo,
    out_refund_no: record.outRefundNo,
    refund_id: record.refundId,
    refund_fee: record.refundFee,
    total_fee: payment.totalFee,
    cash_fee: payment.totalFee,
    cash_refund_fee: record.refundFee,
    refund_channel: '',
  };
}

function queryRefund(deps: CloudPayDeps, params: Params): WxPayReply {
  const payment =
    findPayment(deps, params) ??
    deps.payments.all().find((p) => p.refunds.some((r) => r.outRefundNo === params.out_refund_no));
  const refunds = (payment?.refunds ?? []).filter(
    (r) => typeof params.out_refund_no !== 'string' || r.outRefundNo === params.out_refund_no,
  );
  if (!payment || refunds.length === 0) return fail(deps, params, 'REFUNDNOTEXIST', '退款订单查询失败');
  const listed: WxPayReply = {};
  refunds.forEach((r, i) => {
    listed[`out_refund_no_${i}`] = r.outRefundNo;
    listed[`refund_id_${i}`] = r.refundId;
    listed[`refund_fee_${i}`] = r.refundFee;
    listed[`refund_status_${i}`] = 'SUCCESS';
  });
  return {
    ...header(deps, params),
    result_code: 'SUCCESS',
    transaction_id: payment.paid?.transactionId,
    out_trade_no: payment.outTradeNo,
    total_fee: payment.totalFee,
    cash_fee: payment.totalFee,
    refund_count: refunds.length,
    ...listed,
  };
}

async function wxPayApi(deps: CloudPayDeps, request: TcbRequest): Promise<TcbReply> {
  const apiName = request.params.apiName;
  const requestData = request.files.requestData;
  if (!requestData) throw new TcbError('INVALID_PARAM', 'requestData is required');
  let params: Params;
  try {
    params = JSON.parse(requestData.toString('utf8')) as Params;
  } catch {
    throw new TcbError('INVALID_PARAM', 'requestData is not JSON');
  }
  const payer = deps.invocations.find(request.apiToken)?.caller.openid ?? null;
  let reply: WxPayReply;
  switch (apiName) {
    case 'unifiedOrder':
      reply = unifiedOrder(deps, params, payer);
      break;
    case 'queryOrder':
      reply = queryOrder(deps, params);
      break;
    case 'closeOrder':
      reply = closeOrder(deps, params);
      break;
    case 'refund':
      reply = refund(deps, params);
      break;
    case 'queryRefund':
      reply = queryRefund(deps, params);
      break;
    default:
      throw new TcbError(
        'INVALID_PARAM',
        `cloudPay.${String(apiName)} is not available on the local CloudBase`,
      );
  }
  // Bytes, not a JSON reply: the SDK mis-parses `application/json; charset=utf-8` here (NOTES.md §6.4).
  return { kind: 'binary', body: Buffer.from(JSON.stringify(reply)) };
}

export function registerCloudPay(registry: TcbRegistry, deps: CloudPayDeps): void {
  registry.register('wx.wxPayApi', (request) => wxPayApi(deps, request));
}
