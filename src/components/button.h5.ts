/**
 * Button on H5 (the privacy sheet's and the share page's open-type buttons), wrapped here rather
 * than taken from `@tarojs/components` so that its custom element loads only with the pages that
 * show one, not in the home page's chunk (see swiper.h5.ts).
 */
import type { ComponentType } from 'react';
import type { ButtonProps } from '@tarojs/components';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { defineButton } from './button-element';

export const Button = createReactComponent(
  'taro-button-core',
  undefined,
  manipulatePropsFunction,
  defineButton,
) as unknown as ComponentType<ButtonProps>;
