/**
 * A batch of card-number + PIN cards: issued once, listed once with its file, forgotten when the
 * page is left. A batch asked for and not listed is retried under the same request id, so the cloud
 * finishes the batch it started rather than issuing a second.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { IssuedCardView } from '../contracts/merchant';
import { OPERATOR_LIMITS } from '../contracts/operator';
import { csvFile } from '../domain/csv';
import { parseYuanText, type Fen } from '../domain/money';
import { isoChinaDay } from '../domain/report-days';
import type { OperatorApi } from '../services/operator-service';
import { merchantStrings } from '../strings/zh-CN.merchant';
import { BusyAction } from './busy-action';
import type { OperatorStore } from './operator-store';
import { intOf } from './product-draft';
import { newRequestId } from './request-id';

/** What a batch's file says of every card besides its number and PIN. */
export interface BatchFacts {
  productName: string;
  amount: Fen;
  issuedAt: number;
}

/**
 * The batch download: one row per card with its product, face value and the batch's China date, in
 * the CSV Excel opens on Chinese Windows (BOM, CRLF, formula-safe; src/domain/csv.ts).
 */
export function batchCsv(cards: readonly IssuedCardView[], facts: BatchFacts): string {
  const day = isoChinaDay(facts.issuedAt);
  return csvFile(
    merchantStrings.operator.batch.csvHeader,
    cards.map((c) => [c.cardNumber, c.pin, facts.productName, { fen: facts.amount }, day]),
  );
}

export class BatchStore {
  readonly action = new BusyAction();
  /** The batch just issued: shown once, forgotten when the page is left. */
  cards: IssuedCardView[] | null = null;
  /** The product, face value and time of the batch just issued, for its file. */
  facts: BatchFacts | null = null;
  /**
   * The batch asked for and not yet listed: trying again sends the same request id, so the cloud
   * carries on where the failed try stopped instead of issuing a second batch.
   */
  private pending: { key: string; requestId: string } | null = null;

  constructor(
    private readonly api: OperatorApi,
    /** The brand's products, for the file's product name. */
    private readonly operator: OperatorStore,
    private readonly clock: () => number = Date.now,
    // Two ids' worth: the batch's numbers are derived from it, so it must not be guessable.
    private readonly makeRequestId: () => string = () => newRequestId('b') + newRequestId('').slice(-10),
  ) {
    makeAutoObservable<BatchStore, 'api' | 'operator' | 'clock' | 'makeRequestId'>(this, {
      api: false,
      operator: false,
      clock: false,
      makeRequestId: false,
    });
  }

  async issue(productId: string, amountYuan: string, countText: string): Promise<boolean> {
    const amount = parseYuanText(amountYuan);
    const count = intOf(countText);
    if (amount === undefined || amount <= 0 || !(count >= 1 && count <= OPERATOR_LIMITS.batchMax)) {
      this.action.errorCode = 'INVALID_ARGUMENT';
      return false;
    }
    const key = `${productId}:${amount}:${count}`;
    if (this.pending?.key !== key) this.pending = { key, requestId: this.makeRequestId() };
    const { requestId } = this.pending;
    const res = await this.action.run(() => this.api.issueBatch(productId, amount, count, requestId));
    if (!res) return false;
    runInAction(() => {
      this.cards = res.cards;
      this.facts = {
        productName: this.operator.products.data?.find((p) => p._id === productId)?.name ?? '',
        amount,
        issuedAt: this.clock(),
      };
      this.pending = null;
    });
    return true;
  }

  get csv(): string {
    return this.cards && this.facts ? batchCsv(this.cards, this.facts) : '';
  }

  /** Forgets the listed batch; a batch that failed part-way stays pending, for the same ask to finish it. */
  forget(): void {
    this.cards = null;
  }
}
