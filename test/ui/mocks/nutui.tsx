/** The NutUI components the app uses, as plain DOM elements for jsdom. */
import { createElement, type ReactNode } from 'react';

export function Button({
  children,
  onClick,
  className,
}: {
  children?: ReactNode;
  onClick?: () => void;
  className?: string;
}) {
  return createElement('button', { onClick, className, type: 'button' }, children);
}

export function Skeleton() {
  return createElement('div', { 'data-skeleton': true });
}
