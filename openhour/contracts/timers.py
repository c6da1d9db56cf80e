def contracts_fire_due() -> int:
    return 0
