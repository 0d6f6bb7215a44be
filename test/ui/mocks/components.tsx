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
