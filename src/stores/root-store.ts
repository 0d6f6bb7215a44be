/** All stores of the app, built from the platform services. */
import { AccountService } from '../services/account-service';
import { CatalogService } from '../services/catalog-service';
import { createGatewayHttp, type GatewayHttp } from '../services/gateway-http';
import { OrdersService } from '../services/orders-service';
import { PaymentService } from '../services/payment-service';
import type { Transport } from '../services/transport-types';
import { WalletService } from '../services/wallet-service';
import { GiftsService } from '../services/gifts-service';
import { MerchantService } from '../services/merchant-service';
import { OperatorService } from '../services/operator-service';
import { ReportsService } from '../services/reports-service';
import { saveTextFile } from '../services/file-saver';
import { ExtensionsService } from '../services/extensions-service';
import { preference } from '../services/preference';
import { privacy } from '../services/privacy';
import { scanner } from '../services/scanner';
import { screen } from '../services/screen';
import { platformIdentity } from '../services/transport';
import { createSubscribe } from '../services/subscribe';
import { templateIds } from '../services/template-ids';
import { CatalogStore } from './catalog-store';
import { ConsentStore } from './consent-store';
import { ClerkStore } from './clerk-store';
import { ReportsStore } from './reports-store';
import { ExtensionsStore } from './extensions-store';
import { GiftStore } from './gift-store';
import { OperatorStore } from './operator-store';
import { OrdersStore } from './orders-store';
import { PayCodeStore } from './pay-code-store';
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
  readonly gifts: GiftStore;
  readonly payCode: PayCodeStore;
  readonly clerk: ClerkStore;
  readonly operator: OperatorStore;
  readonly reports: ReportsStore;
  readonly extensions: ExtensionsStore;
  readonly privacy: PrivacyStore;
  readonly consent: ConsentStore;

  constructor(
    transport: Transport,
    http: GatewayHttp = createGatewayHttp(''),
    needsSignIn = true,
    wechatSheet = platformIdentity,
  ) {
    const ordersService = new OrdersService(transport);
    const walletService = new WalletService(transport);
    this.catalog = new CatalogStore(new CatalogService(transport));
    this.session = new SessionStore(new AccountService(http, needsSignIn));
    this.purchase = new PurchaseStore(ordersService);
    this.wallet = new WalletStore(walletService);
    this.orders = new OrdersStore(ordersService, new PaymentService(http, wechatSheet));
    this.gifts = new GiftStore(new GiftsService(transport, http));
    this.payCode = new PayCodeStore(walletService, screen);
    this.clerk = new ClerkStore(new MerchantService(transport), scanner, preference('gcc.clerkStore'));
    this.operator = new OperatorStore(new OperatorService(transport));
    this.reports = new ReportsStore(new ReportsService(transport), saveTextFile);
    this.extensions = new ExtensionsStore(new ExtensionsService(transport));
    this.privacy = new PrivacyStore(privacy);
    this.consent = new ConsentStore(createSubscribe(http), templateIds);
  }
}
