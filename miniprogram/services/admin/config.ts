/** 商户设置：admin 云函数的 getConfig / updateConfig / configHistory */
import type { configActions as ConfigActions } from '../../../cloudfunctions/admin/config';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof ConfigActions;
export type MerchantConfig = ResultOf<Actions['getConfig']>;
export type ConfigHistoryPage = ResultOf<Actions['configHistory']>;
export type ConfigHistoryEntry = ItemOf<Actions['configHistory']>;

/** 读取商户设置（含默认值） */
export function getConfig(): Promise<MerchantConfig> {
  return callFunction('admin', 'getConfig', {});
}

/** 保存商户设置：整体校验，无效时 VALIDATION 的 fields 指出每个问题所在的设置项 */
export function updateConfig(input: InputOf<Actions['updateConfig']>): Promise<MerchantConfig> {
  return callFunction('admin', 'updateConfig', input);
}

/** 设置修改记录（新的在前，分页） */
export function configHistory(input: InputOf<Actions['configHistory']> = {}): Promise<ConfigHistoryPage> {
  return callFunction('admin', 'configHistory', input);
}
