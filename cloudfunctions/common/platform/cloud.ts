/**
 * The one place that initialises wx-server-sdk. On CloudBase the environment comes from the runtime
 * (DYNAMIC_CURRENT_ENV); on the local CloudBase the runner sets TCB_CONTEXT_CNFG so that the same SDK
 * talks to the local server instead.
 */
import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
