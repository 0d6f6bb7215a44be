/**
 * The simulated WeChat Pay's own books, in their own SQLite file: the payment system is not our
 * database, so its reads and writes are not counted as our database calls.
 */
import type Database from 'better-sqlite3';
import { openSqliteFile } from '../db/sqlite-file';

export type PayState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface PayOrder {
  outTradeNo: string;
  /** The prepay_id: what wx.requestPayment's package names and the local pay sheet opens. */
  payToken: string;
  openId: string;
  subMchId: string;
  totalFee: number;
  description: string;
  callbackFunction: string;
  expireAt: number;
  state: PayState;
  transactionId: string;
  paidAt: number | null;
  createdAt: number;
}

export interface PayRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  totalFee: number;
  refundFee: number;
  callbackFunction: string;
  /**
   * WeChat Pay's refund_status: PROCESSING, then SUCCESS here; REFUNDCLOSE, CHANGE or a status
   * newer than our adapter only when a test sets one.
   */
  state: string;
  createdAt: number;
  completedAt: number | null;
}

export class PayStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqliteFile(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS pay_orders (out_trade_no TEXT PRIMARY KEY, pay_token TEXT UNIQUE NOT NULL, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS pay_refunds (out_refund_no TEXT PRIMARY KEY, out_trade_no TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS pay_refunds_state ON pay_refunds (json_extract(body, '$.state'));
    `);
  }

  order(outTradeNo: string): PayOrder | undefined {
    const row = this.db
      .prepare<[string], { body: string }>('SELECT body FROM pay_orders WHERE out_trade_no = ?')
      .get(outTradeNo);
    return row ? (JSON.parse(row.body) as PayOrder) : undefined;
  }

  orderByToken(token: string): PayOrder | undefined {
    const row = this.db
      .prepare<[string], { body: string }>('SELECT body FROM pay_orders WHERE pay_token = ?')
      .get(token);
    return row ? (JSON.parse(row.body) as PayOrder) : undefined;
  }

  saveOrder(o: PayOrder): void {
    this.db
      .prepare(
        'INSERT INTO pay_orders (out_trade_no, pay_token, body) VALUES (?, ?, ?) ON CONFLICT (out_trade_no) DO UPDATE SET body = excluded.body',
      )
      .run(o.outTradeNo, o.payToken, JSON.stringify(o));
  }

  refund(outRefundNo: string): PayRefund | undefined {
    const row = this.db
      .prepare<[string], { body: string }>('SELECT body FROM pay_refunds WHERE out_refund_no = ?')
      .get(outRefundNo);
    return row ? (JSON.parse(row.body) as PayRefund) : undefined;
  }

  /** Refunds not yet done (few at any time: they complete within a second). */
  processingRefunds(): PayRefund[] {
    return this.db
      .prepare<[], { body: string }>("SELECT body FROM pay_refunds WHERE json_extract(body, '$.state') = 'PROCESSING'")
      .all()
      .map((r) => JSON.parse(r.body) as PayRefund);
  }

  refundsOf(outTradeNo: string): PayRefund[] {
    return this.db
      .prepare<[string], { body: string }>('SELECT body FROM pay_refunds WHERE out_trade_no = ?')
      .all(outTradeNo)
      .map((r) => JSON.parse(r.body) as PayRefund);
  }

  saveRefund(r: PayRefund): void {
    this.db
      .prepare(
        'INSERT INTO pay_refunds (out_refund_no, out_trade_no, body) VALUES (?, ?, ?) ON CONFLICT (out_refund_no) DO UPDATE SET body = excluded.body',
      )
      .run(r.outRefundNo, r.outTradeNo, JSON.stringify(r));
  }

  close(): void {
    this.db.close();
  }
}
