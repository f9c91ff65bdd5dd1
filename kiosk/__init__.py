"""The villager kiosk and the call board: Qt Widgets front ends over ``core.flows``' journey
(``bianmin-kiosk``, ``bianmin-kiosk --board``)."""
