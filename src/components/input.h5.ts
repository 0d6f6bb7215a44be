/**
 * Input on H5, wrapped here rather than taken from `@tarojs/components` so that its custom element
 * loads only with the pages that show one, not in the home page's chunk (see swiper.h5.ts).
 */
import type { ComponentType } from 'react';
import type { InputProps } from '@tarojs/components';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { defineInput } from './input-element';

export const Input = createReactComponent(
  'taro-input-core',
  undefined,
  manipulatePropsFunction,
  defineInput,
) as unknown as ComponentType<InputProps>;
