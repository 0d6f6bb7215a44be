/**
 * Textarea on H5, wrapped here rather than taken from `@tarojs/components` so that its custom element
 * loads only with the pages that show one, not in the home page's chunk (see swiper.h5.ts).
 */
import type { ComponentType } from 'react';
import type { TextareaProps } from '@tarojs/components';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { defineTextarea } from './textarea-element';

export const Textarea = createReactComponent(
  'taro-textarea-core',
  undefined,
  manipulatePropsFunction,
  defineTextarea,
) as unknown as ComponentType<TextareaProps>;
