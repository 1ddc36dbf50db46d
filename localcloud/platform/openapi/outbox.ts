/**
 * Where `subscribeMessage.send` delivers on the local CloudBase: an append-only JSON-lines file in
 * DATA_DIR, read back by `GET /dev/outbox` so that a developer or a test can see what a user would have
 * received.
 */
import { appendJsonLine, readJsonLines } from '../../durable';

export interface OutboxMessage {
  /** Position in the outbox, from 1. */
  seq: number;
  /** When it was sent, on the runtime clock. */
  sentAt: number;
  /** The function that sent it. */
  functionName: string;
  touser: string;
  templateId: string;
  page: string | null;
  data: unknown;
  miniprogramState: string | null;
  lang: string | null;
}

export class Outbox {
  private count: number;

  constructor(private readonly file: string) {
    this.count = readJsonLines<OutboxMessage>(file).length;
  }

  append(message: Omit<OutboxMessage, 'seq'>): OutboxMessage {
    const stored = { seq: ++this.count, ...message };
    appendJsonLine(this.file, stored);
    return stored;
  }

  list(): OutboxMessage[] {
    return readJsonLines<OutboxMessage>(this.file);
  }
}
