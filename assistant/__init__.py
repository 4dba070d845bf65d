"""jixiao — an offline assistant for budget performance forms (绩效目标申报表 / 绩效自评表)."""

__version__ = "0.1.0"
