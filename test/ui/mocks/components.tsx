/** Taro's components as plain DOM elements, so React components render in jsdom. */
import { createElement, type ReactNode } from 'react';

type Props = { children?: ReactNode; className?: string; onClick?: () => void; [k: string]: unknown };

function passthrough(tag: string) {
  return function Component({ children, className, onClick, ...rest }: Props) {
    const attrs: Record<string, unknown> = { className, onClick };
    for (const [k, v] of Object.entries(rest)) if (k.startsWith('aria-') || k === 'role') attrs[k] = v;
    return createElement(tag, attrs, children);
  };
}

export const View = passthrough('div');
export const Text = passthrough('span');
export const ScrollView = passthrough('div');
export const Swiper = passthrough('div');
export const SwiperItem = passthrough('div');

export function Image({ src, className }: { src: string; className?: string }) {
  return createElement('img', { src, className, alt: '' });
}

export function Input({
  value,
  placeholder,
  onInput,
}: {
  value?: string;
  placeholder?: string;
  onInput?: (e: { detail: { value: string } }) => void;
}) {
  return createElement('input', {
    value,
    placeholder,
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
  });
}

/**
 * WeChat's button: a click stands for the tap; with open-type agreePrivacyAuthorization WeChat then
 * fires the agree event, which the mock fires the same way.
 */
export function Button({
  children,
  className,
  id,
  openType,
  onClick,
  onAgreePrivacyAuthorization,
}: {
  children?: ReactNode;
  className?: string;
  id?: string;
  openType?: string;
  onClick?: () => void;
  onAgreePrivacyAuthorization?: () => void;
}) {
  const tap = (): void => {
    onClick?.();
    if (openType === 'agreePrivacyAuthorization') onAgreePrivacyAuthorization?.();
  };
  return createElement('button', { className, id, 'data-open-type': openType, onClick: tap }, children);
}
