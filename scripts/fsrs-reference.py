#!/usr/bin/env python3
# FSRS-6 reference values for Tests/AfterSalesKitTests/FSRSTests.swift, computed straight from the published
# formulas with the default weights (fsrs-rs FSRS6_DEFAULT_PARAMETERS = py-fsrs DEFAULT_PARAMETERS), using no
# FSRS library. Run: python3 scripts/fsrs-reference.py. The last block (a card history) was also checked
# against py-fsrs 6.3.2: Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False) gives the same
# stability, difficulty and interval at every step (to 1e-12).
# Independent FSRS-6 reference values, computed from the published formulas (no library).
import math
W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
     1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]
DECAY = -W[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
SMIN = 0.001
def R(t, s): return (1 + FACTOR * t / s) ** DECAY
def I(s, r=0.9): return s / FACTOR * (r ** (1 / DECAY) - 1)
def S0(g): return max(W[g-1], SMIN)
def D0(g, clamp=True):
    d = W[4] - math.exp(W[5] * (g - 1)) + 1
    return min(max(d, 1), 10) if clamp else d
def Dn(d, g):
    delta = -W[6] * (g - 3)
    damped = d + delta * (10 - d) / 9
    rev = W[7] * D0(4, False) + (1 - W[7]) * damped
    return min(max(rev, 1), 10)
def Sr(d, s, r, g):
    hp = W[15] if g == 2 else 1
    eb = W[16] if g == 4 else 1
    return s * (1 + math.exp(W[8]) * (11 - d) * s ** (-W[9]) * (math.exp(W[10] * (1 - r)) - 1) * hp * eb)
def Sf(d, s, r):
    return min(W[11] * d ** (-W[12]) * ((s + 1) ** W[13] - 1) * math.exp(W[14] * (1 - r)), s / math.exp(W[17] * W[18]))
def Ss(s, g):
    inc = math.exp(W[17] * (g - 3 + W[18])) * s ** (-W[19])
    if g >= 2: inc = max(inc, 1.0)
    return max(s * inc, SMIN)
def days(s): return min(max(round(I(s)), 1), 36500)

print("factor", repr(FACTOR))
for t, s in [(0, 1), (1, 2), (5, 5), (10, 3), (100, 10), (30, 2.3065)]:
    print("R", t, s, repr(R(t, s)))
for s, r in [(10, 0.9), (10, 0.8), (10, 0.95), (2.3065, 0.9), (100, 0.85)]:
    print("I", s, r, repr(I(s, r)))
for g in range(1, 5): print("S0", g, repr(S0(g)), "D0", repr(D0(g)))
for g in range(1, 5): print("Dn 5", g, repr(Dn(5, g)))
print("Dn 9.5 again", repr(Dn(9.5, 1)), "Dn 1 easy", repr(Dn(1.0, 4)))
for g in (2, 3, 4): print("Sr D5 S10 R0.9", g, repr(Sr(5, 10, 0.9, g)))
print("Sr D3 S2 R0.7 good", repr(Sr(3, 2, 0.7, 3)))
print("Sf D5 S10 R0.9", repr(Sf(5, 10, 0.9)))
print("Sf D8 S30 R0.6", repr(Sf(8, 30, 0.6)))
print("Sf D5 S0.5 R0.9", repr(Sf(5, 0.5, 0.9)))
for g in range(1, 5): print("Ss S2", g, repr(Ss(2, g)))
print("Ss S50 good", repr(Ss(50, 3)))

# A card's history: (day offset from start, rating)
history = [(0, 3), (2, 3), (13, 1), (13.2, 3), (14.5, 2), (40, 4)]
state = None; last = None
for t, g in history:
    if state is None:
        s, d = S0(g), D0(g)
    else:
        el = math.floor(t - last)
        s0, d0 = state
        if el < 1:
            s = Ss(s0, g)
        else:
            r = R(el, s0)
            s = Sf(d0, s0, r) if g == 1 else Sr(d0, s0, r, g)
            s = max(s, SMIN)
        d = Dn(d0, g)
    state = (s, d); last = t
    print("step", t, g, repr(s), repr(d), days(s))
