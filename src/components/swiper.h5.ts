/**
 * Swiper on H5, wrapped here rather than taken from `@tarojs/components`. Webpack keeps one copy of
 * Taro's React component table in every page chunk, holding every component that any page uses; so
 * while the brand page imported Swiper from there, the swiper library (~100 KB minified) rode in the
 * home page's chunk and every visitor's first load. Wrapping Taro's own custom elements here (the
 * same call Taro's table makes) puts them only in the chunks of pages that show a swiper.
 */
import type { ComponentType } from 'react';
import type { SwiperItemProps, SwiperProps } from '@tarojs/components';
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';
import { defineSwiper, defineSwiperItem } from './swiper-elements';

export const Swiper = createReactComponent(
  'taro-swiper-core',
  undefined,
  manipulatePropsFunction,
  defineSwiper,
) as unknown as ComponentType<SwiperProps>;

export const SwiperItem = createReactComponent(
  'taro-swiper-item-core',
  undefined,
  manipulatePropsFunction,
  defineSwiperItem,
) as unknown as ComponentType<SwiperItemProps>;
