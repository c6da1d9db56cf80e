def disputes_fire_due() -> int:
    return 0
