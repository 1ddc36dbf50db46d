/**
 * The platform services behind CloudBase's API besides the database – callFunction, storage, openapi,
 * cloudPay – with their durable state in DATA_DIR, registered into the API transport's registry.
 */
import path from 'node:path';
import type { TcbRegistry } from '../api/types';
import type { Clock } from '../clock';
import type { InvocationRegistry } from '../runner/invocations';
import type { FunctionRunner } from '../runner/runner';
import { registerFunctions } from './functions';
import { registerOpenApi } from './openapi/handler';
import { Outbox } from './openapi/outbox';
import { registerCloudPay } from './pay/cloudPay';
import { PaymentNotifier } from './pay/notify';
import { PaymentStore } from './pay/payments';
import { Bucket } from './storage/bucket';
import { registerStorage } from './storage/actions';

export interface PlatformOptions {
  dataDir: string;
  envId: string;
  appId: string;
  clock: Clock;
  runner: FunctionRunner;
  invocations: InvocationRegistry;
  /** `http://127.0.0.1:<port>`, known once the gateway listens. */
  publicUrl: () => string;
}

export interface Platform {
  bucket: Bucket;
  outbox: Outbox;
  payments: PaymentStore;
  notifier: PaymentNotifier;
  /** Registers every platform action (everything but `database.*`). */
  register(registry: TcbRegistry): void;
}

export function createPlatform(options: PlatformOptions): Platform {
  const { dataDir, envId, appId, clock, runner, invocations, publicUrl } = options;
  const bucket = new Bucket(path.join(dataDir, 'storage'), envId);
  const outbox = new Outbox(path.join(dataDir, 'outbox.jsonl'));
  const payments = new PaymentStore(path.join(dataDir, 'payments.json'));
  const notifier = new PaymentNotifier({ payments, runner, clock, appId });
  return {
    bucket,
    outbox,
    payments,
    notifier,
    register(registry) {
      registerFunctions(registry, { runner, invocations });
      registerStorage(registry, { bucket, publicUrl });
      registerOpenApi(registry, { catalog: runner.catalog, invocations, clock, outbox });
      registerCloudPay(registry, { payments, invocations, clock, appId });
    },
  };
}
