/** Presentational components: what the user sees and the events they emit. */
import { fireEvent, render, screen } from '@testing-library/react';
import { ActionButton } from '../../src/components/action-button';
import { ConsentSheet } from '../../src/components/consent-sheet';
import { ProductTile } from '../../src/components/product-tile';
import { StateView } from '../../src/components/state-view';
import { customRangeText, validityText } from '../../src/components/format';
import type { ProductSummary } from '../../src/contracts/catalog';
import { fen } from '../../src/domain/money';
import { strings } from '../../src/strings/zh-CN';

const product: ProductSummary = {
  _id: 'prod-a',
  brandId: 'brand-a',
  brandName: '蓝山咖啡',
  name: '蓝山咖啡心意卡',
  kind: 'bearer',
  cover: { image: 'data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E', name: '生日快乐' },
  themes: ['birthday'],
  fromPrice: fen(5000),
  onSale: true,
};

test('should show a product tile with brand, name, lowest price and face, and open it on tap', () => {
  const onOpen = jest.fn();
  const { container } = render(<ProductTile product={product} onOpen={onOpen} />);
  expect(screen.getByText('蓝山咖啡')).toBeInTheDocument();
  expect(screen.getByText('蓝山咖啡心意卡')).toBeInTheDocument();
  expect(screen.getByText('¥50 起')).toBeInTheDocument();
  expect(container.querySelector('img')?.getAttribute('src')).toBe(product.cover.image);
  fireEvent.click(screen.getByRole('link', { name: '蓝山咖啡心意卡' }));
  expect(onOpen).toHaveBeenCalledWith(product);
});

test('should show an error with its message and emit retry', () => {
  const onRetry = jest.fn();
  render(<StateView status="error" message="网络不太顺畅，请检查网络后重试" onRetry={onRetry} />);
  expect(screen.getByRole('alert')).toHaveTextContent('网络不太顺畅');
  fireEvent.click(screen.getByText('重新加载'));
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('should show a busy skeleton while loading and no retry when empty', () => {
  const { container, rerender } = render(<StateView status="loading" />);
  expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
  rerender(<StateView status="empty" message="没有找到" />);
  expect(screen.getByText('没有找到')).toBeInTheDocument();
  expect(screen.queryByText('重新加载')).toBeNull();
});

test('should describe validity rules and custom ranges in Chinese', () => {
  expect(validityText({ type: 'never' })).toBe('长期有效');
  expect(validityText({ type: 'afterActivation', months: 36 })).toBe('激活后 3 年内有效');
  expect(validityText({ type: 'afterActivation', months: 18 })).toBe('激活后 18 个月内有效');
  expect(validityText({ type: 'fixedDate', until: '2027-12-31' })).toBe('有效期至 2027-12-31');
  expect(customRangeText({ customAmount: { min: fen(5000), max: fen(500000) } })).toBe('支持自定义金额 ¥50–¥5,000');
  expect(customRangeText({ customAmount: null })).toBeUndefined();
});

test('should press an enabled button and ignore taps on a disabled one', () => {
  const onPress = jest.fn();
  const { rerender } = render(<ActionButton onPress={onPress}>确认</ActionButton>);
  fireEvent.click(screen.getByText('确认'));
  expect(onPress).toHaveBeenCalledTimes(1);
  rerender(
    <ActionButton disabled ghost onPress={onPress}>
      确认
    </ActionButton>,
  );
  fireEvent.click(screen.getByText('确认'));
  expect(onPress).toHaveBeenCalledTimes(1);
  expect(screen.getByText('确认')).toHaveClass('btn', 'btn--ghost', 'btn--disabled');
  expect(screen.getByText('确认')).toHaveAttribute('aria-disabled', 'true');
});

test('should ask for a message in the consent sheet and answer 允许, 拒绝, or 拒绝 when tapped outside', () => {
  const onAnswer = jest.fn();
  const c = strings.consent;
  const { container } = render(
    <ConsentSheet
      title={c.title}
      message={c.sendGift}
      hint={c.hint}
      allowText={c.allow}
      rejectText={c.reject}
      onAnswer={onAnswer}
    />,
  );
  expect(screen.getByText('好友领取、道谢或礼品退回时，通知你一次')).toBeInTheDocument();
  fireEvent.click(screen.getByText('允许'));
  fireEvent.click(screen.getByText('拒绝'));
  fireEvent.click(container.querySelector('.sheet__mask')!);
  expect(onAnswer.mock.calls).toEqual([[true], [false], [false]]);
});
