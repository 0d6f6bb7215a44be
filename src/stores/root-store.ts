/**
 * The stores every visitor may need, built from the platform services. The staff's stores are not
 * here, nor the gift and pay-code stores: each is made by the first page that asks (`clerk-of.ts`,
 * `page-stores.ts`) and the operator's by the merchant subpackage (`src/merchant/stores.ts`), so neither is in
 * the shop's first load.
 */
import { AccountService } from '../services/account-service';
import { CatalogService } from '../services/catalog-service';
import { createGatewayHttp, type GatewayHttp } from '../services/gateway-http';
import { OrdersService } from '../services/orders-service';
import { PaymentService } from '../services/payment-service';
import type { Transport } from '../services/transport-types';
import { WalletService } from '../services/wallet-service';
import { privacy } from '../services/privacy';
import { platformIdentity } from '../services/transport';
import { createSubscribe } from '../services/subscribe';
import { templateIds } from '../services/template-ids';
import { CatalogStore } from './catalog-store';
import { ConsentStore } from './consent-store';
import { OrdersStore } from './orders-store';
import { PrivacyStore } from './privacy-store';
import { PurchaseStore } from './purchase-store';
import { SessionStore } from './session-store';
import { WalletStore } from './wallet-store';

export class RootStore {
  readonly catalog: CatalogStore;
  readonly session: SessionStore;
  readonly purchase: PurchaseStore;
  readonly wallet: WalletStore;
  readonly orders: OrdersStore;
  /** WeChat Pay's sheet or the local one: orders, and the remainder of a split payment at the till. */
  readonly payments: PaymentService;
  readonly privacy: PrivacyStore;
  readonly consent: ConsentStore;
  /** The way to the cloud, for stores created later (the staff pages'). */
  readonly transport: Transport;
  /** The gateway's own routes (sign-in, the message outbox), for stores created later. */
  readonly http: GatewayHttp;

  constructor(
    transport: Transport,
    http: GatewayHttp = createGatewayHttp(''),
    needsSignIn = true,
    wechatSheet = platformIdentity,
  ) {
    this.transport = transport;
    this.http = http;
    const ordersService = new OrdersService(transport);
    const walletService = new WalletService(transport);
    this.catalog = new CatalogStore(new CatalogService(transport));
    this.session = new SessionStore(new AccountService(http, needsSignIn));
    this.purchase = new PurchaseStore(ordersService);
    this.wallet = new WalletStore(walletService);
    this.payments = new PaymentService(http, wechatSheet);
    this.orders = new OrdersStore(ordersService, this.payments);
    this.privacy = new PrivacyStore(privacy);
    this.consent = new ConsentStore(createSubscribe(http), templateIds);
  }

  /** Signs out and forgets the last person's cards and orders, so whoever signs in next never glimpses them. */
  signOut(): void {
    this.session.signOut();
    for (const view of [this.wallet.list, this.wallet.detail, this.orders.list, this.orders.detail]) view.reset();
  }
}
