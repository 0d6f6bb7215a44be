/**
 * The product editor's form and the product it stands for, both ways: a product as the fields an
 * operator types (amounts as yuan text, months and stock as text) and those fields as the domain's
 * product draft, which the product rules check exactly as the cloud does.
 */
import type { OperatorProductView } from '../contracts/operator';
import type { CardKind, ThemeId, ValidityRule } from '../domain/catalog';
import { parseYuanText, yuanText, type Fen } from '../domain/money';
import type { FaceDraft, ProductDraft } from '../domain/product-rules';
import { merchantStrings } from '../strings/zh-CN.merchant';

/** Gradient colours an operator picks from. */
export const FACE_PALETTE = [
  '#1f6f5c',
  '#4fb08f',
  '#2b6cb0',
  '#63b3ed',
  '#c53030',
  '#f687b3',
  '#dd6b20',
  '#f6ad55',
  '#6b46c1',
  '#b794f4',
  '#2d3748',
  '#a0aec0',
] as const;

/** The editor's fields as typed: amounts in yuan text, stock and months as text. */
export interface EditorDraft {
  productId: string | undefined;
  name: string;
  kind: CardKind;
  /** Fen, kept ascending. */
  denominations: Fen[];
  denominationText: string;
  customEnabled: boolean;
  customMin: string;
  customMax: string;
  faces: FaceDraft[];
  validityType: ValidityRule['type'];
  months: string;
  until: string;
  usageRules: string;
  transferLimit: string;
  refundWindowDays: string;
  bonusEnabled: boolean;
  bonusMin: string;
  bonusAmount: string;
  stockLimited: boolean;
  stock: string;
  onSale: boolean;
  featured: boolean;
}

export const newFace = (theme: ThemeId = 'general', color: string = FACE_PALETTE[0]): FaceDraft => ({
  name: merchantStrings.operator.themes[theme],
  theme,
  colors: [color, FACE_PALETTE[1]],
  blessing: '',
});

export function emptyDraft(): EditorDraft {
  return {
    productId: undefined,
    name: '',
    kind: 'registered',
    denominations: [],
    denominationText: '',
    customEnabled: false,
    customMin: '50',
    customMax: '1000',
    faces: [newFace()],
    validityType: 'never',
    months: '36',
    until: '',
    usageRules: '',
    transferLimit: '1',
    refundWindowDays: '7',
    bonusEnabled: false,
    bonusMin: '',
    bonusAmount: '',
    stockLimited: false,
    stock: '',
    onSale: true,
    featured: false,
  };
}

/** An existing product as editor fields. */
export function draftOf(p: OperatorProductView): EditorDraft {
  const v = p.validity;
  return {
    productId: p._id,
    name: p.name,
    kind: p.kind,
    denominations: [...p.denominations],
    denominationText: '',
    customEnabled: p.customAmount !== null,
    customMin: p.customAmount ? yuanText(p.customAmount.min) : '50',
    customMax: p.customAmount ? yuanText(p.customAmount.max) : '1000',
    faces: p.faces.map((f) => ({ id: f.id, name: f.name, theme: f.theme, colors: f.colors, blessing: f.blessing })),
    validityType: v.type,
    months: v.type === 'afterActivation' ? String(v.months) : '36',
    until: v.type === 'fixedDate' ? v.until : '',
    usageRules: p.usageRules.join('\n'),
    transferLimit: String(p.transferLimit),
    refundWindowDays: String(p.refundWindowDays),
    bonusEnabled: p.bonus != null,
    bonusMin: p.bonus ? yuanText(p.bonus.minAmount) : '',
    bonusAmount: p.bonus ? yuanText(p.bonus.amount) : '',
    stockLimited: p.stock !== null,
    stock: p.stock === null ? '' : String(p.stock),
    onSale: p.onSale,
    featured: p.featured,
  };
}

/** Typed text as a number; NaN when it is not one (the rules then name the field). */
export const intOf = (text: string): number => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);
const fenOf = (text: string): number => parseYuanText(text) ?? NaN;

function validityOf(d: EditorDraft): ValidityRule {
  if (d.validityType === 'afterActivation') return { type: 'afterActivation', months: intOf(d.months) };
  if (d.validityType === 'fixedDate') return { type: 'fixedDate', until: d.until.trim() };
  return { type: 'never' };
}

/** The editor fields as the domain's draft. */
export function productDraftOf(d: EditorDraft): ProductDraft {
  return {
    name: d.name.trim(),
    kind: d.kind,
    denominations: d.denominations,
    customAmount: d.customEnabled ? { min: fenOf(d.customMin), max: fenOf(d.customMax) } : null,
    faces: d.faces.map((f) => ({ ...f, name: f.name.trim(), blessing: f.blessing.trim() })),
    validity: validityOf(d),
    usageRules: d.usageRules
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
    transferLimit: intOf(d.transferLimit),
    refundWindowDays: intOf(d.refundWindowDays),
    bonus: d.bonusEnabled ? { minAmount: fenOf(d.bonusMin), amount: fenOf(d.bonusAmount) } : null,
    stock: d.stockLimited ? intOf(d.stock) : null,
  };
}
