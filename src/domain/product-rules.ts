/**
 * The rules a card product must meet before an operator may save it (product.md): amounts in fen
 * under the kind's cap, 1–6 faces, a bearer card valid at least three years, bounded transfers,
 * refund window and texts. Pure: the cloud refuses with the first broken rule, the editor shows all.
 */
import { KIND_CAP, THEME_IDS, type CardKind, type ThemeId, type ValidityRule } from './catalog';
import { fen, type Fen } from './money';
import { CHINA_OFFSET_MS } from './rules';

export const PRODUCT_LIMITS = {
  nameMax: 30,
  faceNameMax: 12,
  blessingMax: 60,
  usageRuleMax: 80,
  usageRulesMax: 10,
  denominationsMax: 8,
  facesMin: 1,
  facesMax: 6,
  transferLimitMax: 10,
  refundWindowDaysMax: 7,
  /** The smallest custom amount a product may offer: ¥50. */
  customMinFen: 5_000,
  /** A bearer card carries no name, so it must stay usable at least this long. */
  bearerValidityMonths: 36,
  validityMonthsMax: 120,
  stockMax: 1_000_000,
} as const;

/** Colours of a face's gradient. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/;

export interface FaceDraft {
  /** Present for a face the product already has; its id stays. */
  id?: string;
  name: string;
  theme: ThemeId;
  colors: [string, string];
  blessing: string;
}

/** A product as the operator edits it: amounts in fen as typed, `Fen` once checked (withFenAmounts). */
export interface ProductDraft<A extends number = number> {
  name: string;
  kind: CardKind;
  denominations: A[];
  customAmount: { min: A; max: A } | null;
  faces: FaceDraft[];
  validity: ValidityRule;
  usageRules: string[];
  transferLimit: number;
  refundWindowDays: number;
  bonus: { minAmount: A; amount: A } | null;
  /** Remaining stock, or null for unlimited. */
  stock: number | null;
}

/** Each rule a product can break; stable names, shown in the refusal's message. */
export const PRODUCT_RULES = [
  'name',
  'denominationInteger',
  'denominationOrder',
  'denominationCap',
  'denominationCount',
  'amountsRequired',
  'customMin',
  'customMax',
  'customOrder',
  'customWholeYuan',
  'faceCount',
  'faceName',
  'faceTheme',
  'faceColor',
  'blessing',
  'validity',
  'bearerValidity',
  'usageRules',
  'transferLimit',
  'refundWindow',
  'bonus',
  'stock',
] as const;
export type ProductRule = (typeof PRODUCT_RULES)[number];

export interface ProductIssue {
  rule: ProductRule;
  /** Where the editor shows it: a draft field, or `faces.<i>` for one face. */
  field: string;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const textOk = (s: string, max: number): boolean => s.trim().length > 0 && s.length <= max;

/** The China date three years after `now`, as yyyy-mm-dd (string order is date order). */
function dateYearsAfter(now: number, years: number): string {
  const d = new Date(now + CHINA_OFFSET_MS);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear() + years}-${mm}-${dd}`;
}

/** Whether yyyy-mm-dd names a real calendar day. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function validityIssues(v: ValidityRule, kind: CardKind, now: number): ProductRule[] {
  const today = dateYearsAfter(now, 0);
  if (v.type === 'fixedDate') {
    if (!isIsoDate(v.until) || v.until < today) return ['validity'];
    return kind === 'bearer' && v.until < dateYearsAfter(now, 3) ? ['bearerValidity'] : [];
  }
  if (v.type === 'afterActivation') {
    if (!isInt(v.months) || v.months < 1 || v.months > PRODUCT_LIMITS.validityMonthsMax) return ['validity'];
    return kind === 'bearer' && v.months < PRODUCT_LIMITS.bearerValidityMonths ? ['bearerValidity'] : [];
  }
  return [];
}

function amountIssues(d: ProductDraft): ProductIssue[] {
  const out: ProductIssue[] = [];
  const cap = KIND_CAP[d.kind];
  const dens = d.denominations;
  if (dens.some((x) => !isInt(x) || x <= 0)) out.push({ rule: 'denominationInteger', field: 'denominations' });
  else if (dens.some((x, i) => i > 0 && x <= dens[i - 1]!))
    out.push({ rule: 'denominationOrder', field: 'denominations' });
  if (dens.some((x) => x > cap)) out.push({ rule: 'denominationCap', field: 'denominations' });
  if (dens.length > PRODUCT_LIMITS.denominationsMax) out.push({ rule: 'denominationCount', field: 'denominations' });
  const c = d.customAmount;
  if (dens.length === 0 && c === null) out.push({ rule: 'amountsRequired', field: 'denominations' });
  if (c) {
    if (!isInt(c.min) || !isInt(c.max) || c.min % 100 !== 0 || c.max % 100 !== 0)
      out.push({ rule: 'customWholeYuan', field: 'customAmount' });
    if (c.min < PRODUCT_LIMITS.customMinFen) out.push({ rule: 'customMin', field: 'customAmount' });
    if (c.max > cap) out.push({ rule: 'customMax', field: 'customAmount' });
    if (c.min > c.max) out.push({ rule: 'customOrder', field: 'customAmount' });
  }
  return out;
}

function faceIssues(faces: FaceDraft[]): ProductIssue[] {
  const out: ProductIssue[] = [];
  if (faces.length < PRODUCT_LIMITS.facesMin || faces.length > PRODUCT_LIMITS.facesMax)
    out.push({ rule: 'faceCount', field: 'faces' });
  faces.forEach((f, i) => {
    const field = `faces.${i}`;
    if (!textOk(f.name, PRODUCT_LIMITS.faceNameMax)) out.push({ rule: 'faceName', field });
    if (!THEME_IDS.includes(f.theme)) out.push({ rule: 'faceTheme', field });
    if (f.colors.length !== 2 || !f.colors.every((c) => HEX_COLOR.test(c))) out.push({ rule: 'faceColor', field });
    if (!textOk(f.blessing, PRODUCT_LIMITS.blessingMax)) out.push({ rule: 'blessing', field });
  });
  return out;
}

/** Every rule `draft` breaks at `now`, in a stable order; empty when it may be saved. */
export function productIssues(d: ProductDraft, now: number): ProductIssue[] {
  const out: ProductIssue[] = [];
  if (!textOk(d.name, PRODUCT_LIMITS.nameMax)) out.push({ rule: 'name', field: 'name' });
  out.push(...amountIssues(d));
  out.push(...faceIssues(d.faces));
  for (const rule of validityIssues(d.validity, d.kind, now)) out.push({ rule, field: 'validity' });
  if (
    d.usageRules.length > PRODUCT_LIMITS.usageRulesMax ||
    d.usageRules.some((r) => !textOk(r, PRODUCT_LIMITS.usageRuleMax))
  )
    out.push({ rule: 'usageRules', field: 'usageRules' });
  if (!isInt(d.transferLimit) || d.transferLimit < 0 || d.transferLimit > PRODUCT_LIMITS.transferLimitMax)
    out.push({ rule: 'transferLimit', field: 'transferLimit' });
  if (!isInt(d.refundWindowDays) || d.refundWindowDays < 0 || d.refundWindowDays > PRODUCT_LIMITS.refundWindowDaysMax)
    out.push({ rule: 'refundWindow', field: 'refundWindowDays' });
  const b = d.bonus;
  if (b && (!isInt(b.amount) || !isInt(b.minAmount) || b.amount <= 0 || b.amount >= b.minAmount))
    out.push({ rule: 'bonus', field: 'bonus' });
  if (d.stock !== null && (!isInt(d.stock) || d.stock < 0 || d.stock > PRODUCT_LIMITS.stockMax))
    out.push({ rule: 'stock', field: 'stock' });
  return out;
}

/** A draft that passed the rules with its amounts as Fen; throws MoneyError for an amount that isn't one. */
export function withFenAmounts(d: ProductDraft): ProductDraft<Fen> {
  return {
    ...d,
    denominations: d.denominations.map((x) => fen(x)),
    customAmount: d.customAmount && { min: fen(d.customAmount.min), max: fen(d.customAmount.max) },
    bonus: d.bonus && { minAmount: fen(d.bonus.minAmount), amount: fen(d.bonus.amount) },
  };
}

/** The refusal message for the first broken rule, e.g. "rule bearerValidity (validity)". */
export function productRefusalMessage(issue: ProductIssue): string {
  return `rule ${issue.rule} (${issue.field})`;
}

/** Stock after a signed change, or null when it would go below zero. */
export function stockAfter(stock: number, delta: number): number | null {
  const next = stock + delta;
  return next < 0 ? null : next;
}
