/**
 * The merchant configuration as the functions see it: the stored document `config/mall` merged over the
 * defaults (docs/configuration.md), always valid (admin.updateConfig refuses anything else).
 */
import { configFromStored, type MerchantConfig } from '../../../shared/config';
import { COLLECTIONS, db } from '../platform/db';

export const CONFIG_DOC_ID = 'mall';

/** 读取商户配置（未保存过时为默认配置） */
export async function loadConfig(): Promise<MerchantConfig> {
  const { data } = await db.collection(COLLECTIONS.config).doc(CONFIG_DOC_ID).get();
  return configFromStored(data);
}
