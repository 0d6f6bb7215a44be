/**
 * Asking for the subscribe messages a tap leads to (sending or claiming a gift, buying). On WeChat
 * the platform's dialog opens at once, so `ask` must be called synchronously in the tap handler,
 * before any await: the stores' actions take the returned promise instead of asking themselves.
 * Elsewhere the app's consent sheet shows the question (`asking`) until 允许 or 拒绝. Either way the
 * promise resolves once answered, whatever the answer: a refusal never blocks the action.
 */
import { makeAutoObservable } from 'mobx';
import { CONSENT_FOR, type ConsentMoment, type TemplateIds } from '../contracts/subscribe-templates';
import type { SubscribeService } from '../services/subscribe-types';

export class ConsentStore {
  /** The consent sheet's open question. */
  asking: { moment: ConsentMoment; templateIds: string[] } | undefined = undefined;
  private answered: (() => void) | undefined = undefined;

  constructor(
    private readonly service: SubscribeService,
    private readonly templates: TemplateIds,
  ) {
    makeAutoObservable<ConsentStore, 'service' | 'templates' | 'answered'>(this, {
      service: false,
      templates: false,
      answered: false,
    });
  }

  ask(moment: ConsentMoment): Promise<void> {
    // A kind built without a template id is never sent, so nobody is asked about it.
    const templateIds = CONSENT_FOR[moment].map((kind) => this.templates[kind]).filter((id) => id !== '');
    if (templateIds.length === 0) return Promise.resolve();
    if (this.service.nativeDialog) return this.service.request(templateIds).then(() => undefined);
    this.settle();
    this.asking = { moment, templateIds };
    return new Promise((resolve) => {
      this.answered = resolve;
    });
  }

  /** The consent sheet's answer: recorded (as WeChat records its dialog's), then the action goes on. */
  async answer(accepted: boolean): Promise<void> {
    const question = this.asking;
    if (!question) return;
    this.asking = undefined;
    const ids = question.templateIds;
    // Recorded before the action goes on: a claim sends its message at once.
    await this.service.record(accepted ? ids : [], accepted ? [] : ids).catch(() => undefined);
    this.settle();
  }

  private settle(): void {
    const done = this.answered;
    this.answered = undefined;
    done?.();
  }
}
