"""The Regulation's numbers, each named once with the provision it comes from.

Sources: Regulation of the PRC on Government Information Disclosure (中华人民共和国政府信息公开条例,
State Council Decree No. 711, in force 2019-05-15), cited as 《条例》; and the Measures on the
Information-Processing Fee (政府信息公开信息处理费管理办法, 国办函〔2020〕109号), cited as 《办法》.
All periods are in working days (工作日) of the official calendar, see `gongkai.rules.workdays`.
"""

from __future__ import annotations

from typing import Final

REGULATION: Final = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES: Final = "《政府信息公开信息处理费管理办法》"

#: Art. 33 para. 2: reply within 20 working days of receipt (自收到申请之日起20个工作日内).
REPLY_PERIOD: Final = 20
#: Art. 33 para. 2: one extension, approved by the head of the disclosure office, of at most 20.
EXTENSION_MAX: Final = 20
#: Art. 30: the correction (补正) notice is given once, within 7 working days of receipt.
CORRECTION_WINDOW: Final = 7
#: Art. 32: a third party (第三方) has 15 working days from the day it receives the request for its opinion.
THIRD_PARTY_PERIOD: Final = 15
#: Art. 34: another agency consulted on jointly made information has 15 working days from its receipt.
AGENCY_CONSULTATION_PERIOD: Final = 15
#: 《办法》: pay within 20 working days from the day after receiving the fee notice (收费通知).
FEE_PAYMENT_PERIOD: Final = 20
#: Art. 26: publish proactively within 20 working days of the information being formed or changed.
PROACTIVE_PUBLICATION_PERIOD: Final = 20

#: Short citations used in explanations ("…（《条例》第三十三条）").
ART_26: Final = "《条例》第二十六条"
ART_30: Final = "《条例》第三十条"
ART_31: Final = "《条例》第三十一条"
ART_32: Final = "《条例》第三十二条"
ART_33: Final = "《条例》第三十三条第二款"
ART_33_3: Final = "《条例》第三十三条第三款"
ART_34: Final = "《条例》第三十四条"
ART_35: Final = "《条例》第三十五条"
ART_42: Final = "《条例》第四十二条"
FEE_RULES: Final = "《办法》"
#: The State Council's yearly holiday notice (国务院办公厅关于节假日安排的通知) decides working days.
HOLIDAY_NOTICE: Final = "国务院办公厅节假日安排通知"
