/**
 * The privacy sheet's state: WeChat's questions waiting for the user (onNeedPrivacyAuthorization,
 * registered once at app start), the user's answer to them, and whether personal data (the ID
 * number of a real-name purchase) may be typed. A question is answered only through the sheet a
 * page mounts; with none mounted it is refused at once, so a privacy API never hangs unanswered.
 */
import { makeAutoObservable } from 'mobx';
import type { PrivacyRequest, PrivacyService } from '../services/privacy-types';

/** The id of the sheet's agree button (open-type agreePrivacyAuthorization): WeChat checks it was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export type PersonalDataConsent = 'unknown' | 'asking' | 'allowed' | 'refused';

export class PrivacyStore {
  /** WeChat's questions waiting for the user's answer (several privacy calls may wait at once). */
  waiting: PrivacyRequest[] = [];
  /** Sheets mounted on the pages now shown. */
  sheets = 0;
  personalData: PersonalDataConsent = 'unknown';
  private listening = false;

  constructor(private readonly service: PrivacyService) {
    makeAutoObservable<PrivacyStore, 'service' | 'listening'>(this, { service: false, listening: false });
  }

  /** Whether the sheet is up. */
  get asking(): boolean {
    return this.waiting.length > 0;
  }

  /** At app start: take over WeChat's privacy questions (once, however often it is called). */
  start(): void {
    if (this.listening) return;
    this.listening = true;
    this.service.listen((request) => this.onRequest(request));
  }

  onRequest(request: PrivacyRequest): void {
    if (this.sheets === 0) {
      request.resolve({ event: 'disagree' });
      return;
    }
    // Tells WeChat the sheet is shown (the guide's "exposure"), before the user's answer.
    if (!this.asking) request.resolve({ event: 'exposureAuthorization' });
    this.waiting.push(request);
  }

  /** The agree button was tapped: every waiting privacy call goes on. */
  agree(): void {
    for (const r of this.waiting) r.resolve({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
    this.waiting = [];
    if (this.personalData === 'refused') this.personalData = 'unknown';
  }

  /** Refused (or the sheet closed): every waiting privacy call fails. */
  disagree(): void {
    for (const r of this.waiting) r.resolve({ event: 'disagree' });
    this.waiting = [];
  }

  openContract(): Promise<void> {
    return this.service.openContract();
  }

  /** A page shows the sheet while mounted; returns the unmount. */
  mountSheet(): () => void {
    this.sheets++;
    return () => {
      this.sheets--;
      // The page with the sheet is gone: nobody can answer what waits.
      if (this.sheets === 0) this.disagree();
    };
  }

  /** Before the ID number is typed: asks WeChat (and so the user) unless already allowed. */
  async allowPersonalData(): Promise<boolean> {
    if (this.personalData === 'allowed') return true;
    this.personalData = 'asking';
    const ok = await this.service.require();
    this.setPersonalData(ok ? 'allowed' : 'refused');
    return ok;
  }

  private setPersonalData(consent: PersonalDataConsent): void {
    this.personalData = consent;
  }

  /** Copies text; false when the user refused the privacy guide (or copying failed). */
  copy(text: string): Promise<boolean> {
    return this.service.copy(text);
  }
}
