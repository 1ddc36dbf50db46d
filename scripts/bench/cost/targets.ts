/**
 * The targets of `npm run bench`, in one place. A business action's target is the most database calls
 * (requests to CloudBase: each one a network round trip and a billed request) it may make; a scale
 * test's target is the most its time may grow when the stored data grows tenfold (large / small).
 * `null`: measured and shown, no target ("—").
 */
export const CALL_TARGETS: Record<string, number | null> = {
  login: null,
  'order.create': null,
  'order.create.20': null,
  'payNotify.1': 15,
  'payNotify.5': 15,
  'payNotify.20': 15,
  'admin.ship': null,
  confirmReceipt: 6,
  'settle.perOrder': 10,
  'withdraw.apply': 8,
  'withdraw.approve': null,
  'admin.dashboard': null,
  'admin.dashboard.90': null,
};

/** Time ratios large / small of the scale tests. */
export const RATIO_TARGETS: Record<string, number> = {
  'scale.settle': 1.2,
  'scale.dashboard': 1.2,
};
