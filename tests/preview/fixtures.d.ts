export declare const IMG: (name: string) => string;
export declare const INVITE_CODE = "K7QM3XPA";
export declare const product: (productId: string, title: string, priceFen: number, image: string, salesCount: number, stock?: number) => {
    productId: string;
    title: string;
    priceFen: number;
    stock: number;
    cover: string;
    salesCount: number;
};
export declare const PRODUCTS: {
    productId: string;
    title: string;
    priceFen: number;
    stock: number;
    cover: string;
    salesCount: number;
}[];
export declare const productPage: (items?: {
    productId: string;
    title: string;
    priceFen: number;
    stock: number;
    cover: string;
    salesCount: number;
}[]) => {
    items: {
        productId: string;
        title: string;
        priceFen: number;
        stock: number;
        cover: string;
        salesCount: number;
    }[];
    total: number;
    page: number;
    pageSize: number;
};
export declare const productDetail: (p?: {
    productId: string;
    title: string;
    priceFen: number;
    stock: number;
    cover: string;
    salesCount: number;
}, shareEarningFen?: number | null) => {
    images: string[];
    description: string;
    status: string;
    shareEarningFen: number | null;
    productId: string;
    title: string;
    priceFen: number;
    stock: number;
    cover: string;
    salesCount: number;
};
export declare const me: (overrides?: Record<string, unknown>) => {
    userId: string;
    inviterId: null;
    isAdmin: boolean;
    distributorStatus: string;
    inviteCode: null;
    gradeId: string;
    nickname: string;
    avatarUrl: string;
    binding: null;
};
export declare const DISTRIBUTOR: {
    userId: string;
    inviterId: null;
    isAdmin: boolean;
    distributorStatus: string;
    inviteCode: null;
    gradeId: string;
    nickname: string;
    avatarUrl: string;
    binding: null;
};
export declare const ADMIN_USER: {
    userId: string;
    inviterId: null;
    isAdmin: boolean;
    distributorStatus: string;
    inviteCode: null;
    gradeId: string;
    nickname: string;
    avatarUrl: string;
    binding: null;
};
export declare const shop: {
    shopName: string;
    logo: string;
    logoUrl: string;
    intro: string;
    updatedAt: number;
};
export declare const home: (withShop?: boolean) => {
    banners: {
        bannerId: string;
        image: string;
        path: string;
        link: {
            type: string;
            productId: string;
        };
    }[];
    featured: {
        productId: string;
        title: string;
        priceFen: number;
        stock: number;
        cover: string;
        salesCount: number;
    }[];
    shop: {
        inviteCode: string;
        picks: {
            productId: string;
            title: string;
            priceFen: number;
            stock: number;
            cover: string;
            salesCount: number;
        }[];
        shopName: string;
        logo: string;
        logoUrl: string;
        intro: string;
        updatedAt: number;
    } | null;
};
export declare const center: (overrides?: Record<string, unknown>) => {
    distributorStatus: string;
    grade: {
        gradeId: string;
        name: string;
        rank: number;
    };
    nextGrade: {
        gradeId: string;
        name: string;
        thresholds: {
            metric: string;
            current: number;
            target: number;
            met: boolean;
            name: string;
        }[];
    };
    balances: {
        pendingFen: number;
        availableFen: number;
        frozenFen: number;
        withdrawnFen: number;
    };
    totalEarnedFen: number;
    team: {
        level1: number;
        level2: number;
        level3: number;
    };
    inviteCode: string;
    distributorSince: number;
    shop: {
        shopName: string;
        logo: string;
        logoUrl: string;
        intro: string;
        updatedAt: number;
    };
    application: null;
};
export declare const orderSummary: (orderId: string, status: string, statusName: string, lines?: {
    lineId: string;
    productId: string;
    title: string;
    cover: string;
    priceFen: number;
    quantity: number;
    paidFen: number;
    refundedFen: number;
}[]) => {
    orderId: string;
    status: string;
    statusName: string;
    items: {
        lineId: string;
        productId: string;
        title: string;
        cover: string;
        priceFen: number;
        quantity: number;
        paidFen: number;
        refundedFen: number;
    }[];
    payableFen: number;
    refundedFen: number;
    createdAt: number;
};
export declare const ORDERS: {
    orderId: string;
    status: string;
    statusName: string;
    items: {
        lineId: string;
        productId: string;
        title: string;
        cover: string;
        priceFen: number;
        quantity: number;
        paidFen: number;
        refundedFen: number;
    }[];
    payableFen: number;
    refundedFen: number;
    createdAt: number;
}[];
export declare const orderDetail: (status?: string, statusName?: string) => {
    goodsFen: number;
    discountFen: number;
    shippingFen: number;
    statusBeforeRefund: null;
    address: {
        name: string;
        phone: string;
        detail: string;
    };
    shipping: {
        carrier: string;
        trackingNo: string;
    } | null;
    expiresAt: number;
    paidAt: number | null;
    shippedAt: number | null;
    receivedAt: null;
    autoConfirmAt: number;
    settleAt: null;
    completedAt: null;
    cancelledAt: null;
    refundedAt: null;
    openRefundId: null;
    openRefund: null;
    orderId: string;
    status: string;
    statusName: string;
    items: {
        lineId: string;
        productId: string;
        title: string;
        cover: string;
        priceFen: number;
        quantity: number;
        paidFen: number;
        refundedFen: number;
    }[];
    payableFen: number;
    refundedFen: number;
    createdAt: number;
};
export declare const commissions: () => {
    items: ({
        commissionId: string;
        orderId: string;
        level: number;
        baseFen: number;
        rate: string;
        fixedPerUnitFen: null;
        amountFen: number;
        status: string;
        createdAt: number;
        settledAt: null;
        productTitle: string;
        buyerNickname: string;
    } | {
        commissionId: string;
        orderId: string;
        level: number;
        baseFen: number;
        rate: string;
        fixedPerUnitFen: null;
        amountFen: number;
        status: string;
        createdAt: number;
        settledAt: number;
        productTitle: string;
        buyerNickname: string;
    })[];
    total: number;
    page: number;
    pageSize: number;
};
export declare const team: () => {
    items: {
        userId: string;
        nickname: string;
        avatarUrl: string;
        joinedAt: number;
        distributorStatus: string;
    }[];
    total: number;
    page: number;
    pageSize: number;
};
export declare const withdrawPolicy: () => {
    minFen: number;
    maxFen: number;
    feeRate: string;
    days: number[];
    daysText: string;
    methods: string[];
    todayAllowed: boolean;
    availableFen: number;
    distributorStatus: string;
};
export declare const withdrawal: (id: string, status: string, statusName: string, extra?: Record<string, unknown>) => {
    withdrawalId: string;
    userId: string;
    amountFen: number;
    feeFen: number;
    netFen: number;
    method: string;
    methodName: string;
    account: {
        name: string;
        bank: string;
        number: string;
    };
    status: string;
    statusName: string;
    createdAt: number;
    reviewedAt: number | null;
    reason: string | null;
    paidAt: number | null;
    reference: string | null;
    payout: null;
};
export declare const WITHDRAWALS: {
    withdrawalId: string;
    userId: string;
    amountFen: number;
    feeFen: number;
    netFen: number;
    method: string;
    methodName: string;
    account: {
        name: string;
        bank: string;
        number: string;
    };
    status: string;
    statusName: string;
    createdAt: number;
    reviewedAt: number | null;
    reason: string | null;
    paidAt: number | null;
    reference: string | null;
    payout: null;
}[];
export declare const material: (id: string, title: string, aim: "sell" | "recruit", extra?: Record<string, unknown>) => {
    materialId: string;
    title: string;
    text: string;
    images: string[];
    productId: string | null;
    aim: "sell" | "recruit";
    pinned: boolean;
    status: string;
    createdAt: number;
    updatedAt: number;
};
export declare const MERCHANT_CONFIG: {
    rates: string[];
    selfPurchase: boolean;
    withdraw: {
        minFen: number;
        maxFen: number;
        feeRate: string;
        days: number[];
        methods: string[];
    };
    grades: ({
        gradeId: string;
        name: string;
        rank: number;
        rates?: undefined;
        upgrade?: undefined;
    } | {
        gradeId: string;
        name: string;
        rank: number;
        rates: string[];
        upgrade: {
            settledSalesFen: number;
        };
    })[];
    levels: number;
    binding: {
        mode: "first" | "latest";
        validDays: number;
    };
    distributorMode: "open" | "apply" | "appointed";
    order: {
        unpaidTimeoutMinutes: number;
        autoConfirmDays: number;
        returnWindowDays: number;
    };
};
export declare const dashboard: () => {
    totals: {
        distributors: number;
        newDistributorsToday: number;
        pendingApplications: number;
        users: number;
        orders: number;
        distributionOrders: number;
        salesFen: number;
        refundFen: number;
        ordersToday: number;
        salesTodayFen: number;
        commissionPendingFen: number;
        commissionSettledFen: number;
        commissionAvailableFen: number;
        commissionFrozenFen: number;
        commissionWithdrawnFen: number;
        withdrawalsWaiting: number;
        withdrawalsWaitingFen: number;
    };
    series: {
        date: string;
        orders: number;
        distributionOrders: number;
        salesFen: number;
        commissionFen: number;
        newDistributors: number;
        refundFen: number;
        withdrawnFen: number;
    }[];
    topDistributors: ({
        rank: number;
        userId: string;
        nickname: string;
        shopName: string;
        inviteCode: string;
        grade: string;
        distributorStatus: string;
        totalEarnedFen: number;
        availableFen: number;
        directDistributors: number;
    } | {
        rank: number;
        userId: string;
        nickname: string;
        shopName: null;
        inviteCode: string;
        grade: string;
        distributorStatus: string;
        totalEarnedFen: number;
        availableFen: number;
        directDistributors: number;
    })[];
};
