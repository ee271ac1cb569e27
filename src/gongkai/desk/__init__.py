"""Service desk (服务台): consultations and complaints, 12345 hotline transfers, NPC suggestions and
CPPCC proposals, front-desk and phone reception — with deadlines, replies, publication and counts."""
