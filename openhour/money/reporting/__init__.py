"""Seller income reporting: the yearly figures per freelancer, DAC7 XML and CSV, and each freelancer's statement."""
