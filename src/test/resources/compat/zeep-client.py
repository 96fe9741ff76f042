"""A merchant's Python integration with zeep, as the compatibility suite runs it (issue 6).

    /usr/bin/python3 zeep-client.py NODE_URL FACTS_JSON_FILE

Builds zeep.Client from NODE_URL?wsdl and checks every operation the WSDL declares against
what the Java test prepared on this client's own node (FACTS_JSON_FILE): tasks in known states,
a merchant registered in the colony with coins minted to it, a free name to register, and a
wallet on a node of its own (its URL too) that pays requests on its own. The node starts joined
to the colony with nobody logged in; the checks run in SUITE_OPERATIONS' order (the ones needing
no user, registration, login, the user's operations, then the payments between the shop and
the wallet, whose node this script also calls). An operation
served but not exercised here fails the run. Prints one line per check ("ok ..." or
"FAIL ...") and exits 1 on any failure.
Note: zeep decodes an empty string element as None, so the checks read strings with `text()`.
"""
import base64
import json
import re
import os
import sys
import tempfile
import time
import traceback

import requests
import zeep
from lxml import etree
from zeep.plugins import HistoryPlugin

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
ENCODING = "http://schemas.xmlsoap.org/soap/encoding/"
failures = 0


def check(name, passed, detail=""):
    global failures
    if passed:
        print("ok   " + name)
    else:
        failures += 1
        print("FAIL " + name + (": " + str(detail) if detail != "" else ""))


def text(value):
    """A string field as the integrator reads it: zeep gives None for an empty element."""
    return "" if value is None else value


def check_int(name, value, expected):
    check("%s is the integer %d" % (name, expected),
          type(value) is int and value == expected, repr(value))


def wsdl_operations(document):
    """The operation names the WSDL's portType declares."""
    path = "{%s}portType/{%s}operation" % (WSDL_NS, WSDL_NS)
    return [operation.get("name") for operation in document.iterfind(path)]


def newer_wsdl(document, operation):
    """The WSDL with one more operation, as a client generated from a newer node has it."""
    document = etree.fromstring(etree.tostring(document))
    port_type = document.find("{%s}portType" % WSDL_NS)
    binding = document.find("{%s}binding" % WSDL_NS)
    for suffix in ("Request", "Response"):
        message = etree.Element("{%s}message" % WSDL_NS, name=operation + suffix)
        port_type.addprevious(message)
    port_op = etree.SubElement(port_type, "{%s}operation" % WSDL_NS, name=operation)
    etree.SubElement(port_op, "{%s}input" % WSDL_NS, message="tns:%sRequest" % operation)
    etree.SubElement(port_op, "{%s}output" % WSDL_NS, message="tns:%sResponse" % operation)
    binding_op = etree.SubElement(binding, "{%s}operation" % WSDL_NS, name=operation)
    etree.SubElement(binding_op, "{%s}operation" % SOAP_NS, soapAction="")
    for direction in ("input", "output"):
        body = etree.SubElement(binding_op, "{%s}%s" % (WSDL_NS, direction))
        etree.SubElement(body, "{%s}body" % SOAP_NS, use="encoded", namespace="ns1",
                         encodingStyle=ENCODING)
    return etree.tostring(document)


def check_fault(name, call, faultstring):
    try:
        call()
        check(name, False, "no zeep Fault was raised")
    except zeep.exceptions.Fault as fault:
        check(name + ": code Client", str(fault.code).split(":")[-1] == "Client",
              repr(fault.code))
        check(name + ": faultstring", faultstring in fault.message, repr(fault.message))


def error_code(task):
    """The error code a finished task's additionalInfo carries ("" when none)."""
    return json.loads(task.additionalInfo).get("error", {}).get("code", "")


def check_amount(name, amount, billons, currency):
    """Checks a billonAmount {amount, currency, colour}."""
    check_int(name + ".amount", amount.amount, billons)
    check("%s.currency is %s" % (name, currency), amount.currency == currency, amount)
    check_int(name + ".colour", amount.colour, 0)


TASK_ID = re.compile(r"^[0-9A-Z]{26}$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
LOGO = b"\x89PNG\r\n\x1a\n\x00"


TOO_BIG = 2 ** 63
# peerLocation with every part empty: zeep refuses None for a part, and the node reads a
# location whose fields are all empty or zero as "no location given".
NO_ADDRESS = {"machineIdHex": "", "ip": "", "tcp": 0, "udp": 0}
NO_LOCATION = {"userName": "", "userLocation": NO_ADDRESS, "buddyLocation": NO_ADDRESS,
               "confirmationCode1": "", "confirmationCode2": ""}


def amount(billons, currency="PLN"):
    """A billonAmount as a call carries it."""
    return {"amount": billons, "currency": currency, "colour": 0}


def request_data(payer, transfer_id, description=""):
    """requestData of requestPaymentInitiation and startSeriesPayment, every part given."""
    return {"username": payer, "uniqueTransferId": transfer_id, "title": "Order " + transfer_id,
            "description": description, "channelInfo": "", "requestInvoiceData": "NOT_NEEDED",
            "requestDeliveryData": "NOT_NEEDED", "antiSpamCode": ""}


def payment_request(payer, money, transfer_id, description="", payment_type="NORMAL",
                    series_id=""):
    """requestPaymentInitiation's parameters, no location."""
    return {"type": payment_type, "amount": money, "seriesId": series_id,
            "requestData": request_data(payer, transfer_id, description),
            "paymentContext": "", "peerLocation": NO_LOCATION}


def series_request(payer, total, transfer_id, payment_type="MONEY_COLLECT_SERIES"):
    """startSeriesPayment's parameters: at most two payments of total billons in all."""
    return {"requestData": request_data(payer, transfer_id), "peerLocation": NO_LOCATION,
            "type": payment_type,
            "seriesData": {"maxPaymentsInSeries": 2, "description": "Parking, Prosta 1",
                           "maxTotalAmount": total, "plateParameters": "",
                           "seriesSecondDuration": 0, "username": ""}}


def personal_data_request(username, invoice, delivery, data_type="PERSONAL_DATA_REQUEST"):
    """requestPersonalData's parameters."""
    return {"peerLocation": NO_LOCATION, "requestDeliveryData": delivery, "merchantName": "",
            "antiSpamCode": "", "type": data_type, "requestInvoiceData": invoice,
            "username": username, "seriesId": ""}


def money_gift(receiver, money, transfer_id, payment_type="GIVE_MONEY"):
    """giveMoneyRequest's parameters; an empty description, which the node fills in."""
    return {"uniqueTransferId": transfer_id, "type": payment_type, "peerLocation": NO_LOCATION,
            "amount": money, "seriesId": "", "username": receiver,
            "shortDescription": "Transfer " + transfer_id, "description": ""}


def criteria(**given):
    """getPurchaseDocumentList's criteria, every part given: "" and a zero amount mean any."""
    every = {"cashierName": "", "startDate": "", "endDate": "", "invoiceNum": "",
             "fromAmount": amount(0, ""), "toAmount": amount(0, "")}
    every.update(given)
    return every


def check_refused(name, r, code):
    """Checks a call that starts a task was refused with code, starting none."""
    check("%s: %s, no task" % (name, code), r.requestStatus == code and text(r.taskId) == ""
          and text(r.requestStatusDescription) != "", r)


def utc(offset_seconds):
    """Now plus offset_seconds, as the node writes dates: YYYY-MM-DD hh:mm:ss in UTC."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + offset_seconds))


class Suite:
    """The checks, one method per operation, named after it."""

    def __init__(self, service, wallet, history, facts, served):
        """service: the shop's node; wallet: the wallet's node; history: what zeep last sent
        to the shop's node."""
        self.service = service
        self.wallet = wallet
        self.history = history
        self.facts = facts
        self.served = served
        self.shop = facts["shop"]
        self.payments = facts["payments"]
        self.minted = {mint["currency"]: mint["billons"] for mint in facts["minted"]}

    def await_task(self, task_id, service=None):
        """Polls getTaskStatus until the task has finished, as a shop does; the last answer."""
        deadline = time.monotonic() + 30
        while True:
            r = self.status(task_id, service=service)
            if (r.requestStatus != "SUCCESS" or text(r.status).startswith("FINISHED_")
                    or time.monotonic() > deadline):
                return r
            time.sleep(0.1)

    @staticmethod
    def start_flow(start):
        """Starts a registration or a login. Just after the previous one's task has finished,
        the node may still answer ERR_TASK_ALREADY_RUNNING for a moment (it reports the end
        before it has let go of the flow); a shop retries, and so does this suite, saying so."""
        for attempt in range(1, 21):
            r = start()
            if r.requestStatus != "ERR_TASK_ALREADY_RUNNING" or attempt == 20:
                return r
            print("note the start answered ERR_TASK_ALREADY_RUNNING after the last task ended")
            time.sleep(0.05)

    def register(self, username, password, profile_json=None, logo=b""):
        """startRegister; every part given, as zeep wants ("" for "not given"): a user who
        is not a merchant has a merchantData with every part empty (zeep refuses None)."""
        merchant = {"publicProfileJson": profile_json or "", "invoiceDataJson": "",
                    "financialAccountJson": "", "logo": logo}
        return self.start_flow(lambda: self.service.startRegister(
            billonUserName=username, billonUserPassword=password, merchantData=merchant,
            recoveryEmail="", recoveryEmail1="", recoveryEmail2="", userARchoice="",
            userIPEchoice=""))

    def login(self, username, password):
        return self.start_flow(lambda: self.service.startLogin(
            billonUserName=username, billonUserPassword=password))

    def settings(self):
        """Both settings JSON texts of readSettings, decoded."""
        r = self.service.readSettings()
        check("readSettings: SUCCESS", r.requestStatus == "SUCCESS", r)
        return json.loads(r.machineSettingsJson), json.loads(r.userSettingsJson)

    def refused_before_login(self):
        """Every served operation that needs a user answers ERR_VUI_NOT_LOGGEDIN before it."""
        password = {"billonUserPassword": self.shop["password"]}
        calls = {"getMerchantData": {}, "checkPassword": password, "getMpin": password,
                 "storePassword": password, "clearPassword": password,
                 "setGeolocationInfo": {"shopId": "shop-1", "geolocationInfo": "{}"},
                 "fetchUserLocation": {"username": self.facts["newcomer"]["username"]},
                 "getMoneyStatus": {}, "getCoinList": {},
                 "requestPaymentInitiation": payment_request(
                     self.facts["wallet"]["username"], amount(1000), "before-login-1"),
                 "giveMoneyRequest": money_gift(self.facts["wallet"]["username"], amount(1000),
                                                "before-login-2"),
                 "expectPaymentRequest": {"username": self.facts["wallet"]["username"],
                                          "amount": amount(1000), "timeout": 60},
                 "getPurchaseDocument": {"uniqueTransferId": "before-login-3"},
                 "getPurchaseDocumentList": {"searchCriteria": criteria()},
                 "startSeriesPayment": series_request(
                     self.facts["wallet"]["username"], amount(1000), "before-login-4"),
                 "endSeriesPayment": {"seriesId": self.facts["unknownTaskId"]},
                 "requestPersonalData": personal_data_request(
                     self.facts["wallet"]["username"], "OPTIONAL", "OPTIONAL"),
                 "requestPingPaymentInitiation": {
                     "requestData": request_data(self.facts["wallet"]["username"],
                                                 "before-login-5"),
                     "paymentContext": "", "peerLocation": NO_LOCATION}}
        for name, params in calls.items():
            if name not in self.served:
                continue
            r = getattr(self.service, name)(**params)
            check("%s before the login: ERR_VUI_NOT_LOGGEDIN" % name,
                  r.requestStatus == "ERR_VUI_NOT_LOGGEDIN"
                  and text(r.requestStatusDescription) != "", r)
        machine, user = self.settings()
        check("readSettings before the login: no user settings, no stored password",
              user == {} and machine["rememberUserPasswordForAutoLogin"] is False,
              (machine, user))

    def status(self, task_id, transfer_id="", service=None):
        return (service or self.service).getTaskStatus(taskId=task_id,
                                                       uniqueTransferId=transfer_id,
                                                       callback=False)

    def list_tasks(self, task_type, status, page_size, page_token=""):
        return self.service.listTasks(type=task_type, status=status, fromDate="", toDate="",
                                      pageSize=page_size, pageToken=page_token)

    def wait(self, task_id, last_status, timeout_seconds):
        return self.service.waitForTask(taskId=task_id, lastStatus=last_status,
                                        timeoutSeconds=timeout_seconds)

    def hello(self):
        r = self.service.hello()
        check("hello: requestStatus SUCCESS", r.requestStatus == "SUCCESS", r)
        check("hello: joined, nobody logged in",
              r.status == "VUI_CONNECTED" and text(r.username) == "", r)
        check_int("hello: pid", r.pid, self.facts["pid"])
        check("hello: mode normal", r.mode == "normal", r.mode)
        check("hello: version", text(r.version) != "", r)

    def getCurrencyRatio(self):
        for currency in ("PLN", "EUR", "GBP", "JPY", "USD"):
            r = self.service.getCurrencyRatio(currency=currency)
            check_int("getCurrencyRatio %s: numerator" % currency, r.numerator, 1)
            check_int("getCurrencyRatio %s: denominator" % currency, r.denominator, 1000)
        for currency in ("XYZ", "pln", ""):
            r = self.service.getCurrencyRatio(currency=currency)
            check("getCurrencyRatio '%s': 0/0, no such currency" % currency,
                  r.numerator == 0 and r.denominator == 0, r)

    def getTaskStatus(self):
        done = self.facts["finished"]
        r = self.status(done["taskId"], done["uniqueTransferId"])
        check("getTaskStatus: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("getTaskStatus: type and status", r.type == "GIVE_MONEY"
              and r.status == "FINISHED_OK" and r.taskId == done["taskId"], r)
        check_int("getTaskStatus: progressPercent", r.progressPercent, 100)
        r = self.status("", done["uniqueTransferId"])
        check("getTaskStatus by uniqueTransferId", r.taskId == done["taskId"], r)
        r = self.status(self.facts["transferring"]["taskId"])
        check("getTaskStatus: TRANSFERRING", r.status == "TRANSFERRING", r)
        check_int("getTaskStatus: progressPercent", r.progressPercent, 40)
        r = self.status(self.facts["rejected"]["taskId"])
        info = json.loads(r.additionalInfo)
        check("getTaskStatus: additionalInfo error code",
              r.status == "FINISHED_ERR_USER_REJECTED"
              and info["error"]["code"] == "FINISHED_ERR_USER_REJECTED", r)
        r = self.status(self.facts["unknownTaskId"])
        check("getTaskStatus unknown id: ERR_TASK_DOES_NOT_EXIST",
              r.requestStatus == "ERR_TASK_DOES_NOT_EXIST"
              and text(r.requestStatusDescription) != "" and r.additionalInfo == "{}", r)
        r = self.status("ABC-123")
        check("getTaskStatus malformed id: ERR_INVALID_TASK_ID",
              r.requestStatus == "ERR_INVALID_TASK_ID", r)
        r = self.status(done["taskId"], "another-transfer")
        check("getTaskStatus other transfer id: ERR_INVALID_TRANSFER_ID",
              r.requestStatus == "ERR_INVALID_TRANSFER_ID", r)

    def listTasks(self):
        ids, token, pages = [], "", 0
        while True:
            r = self.list_tasks("GIVE_MONEY", "", 2, token)
            check("listTasks page %d: SUCCESS" % pages, r.requestStatus == "SUCCESS", r)
            check("listTasks page %d: item is a list" % pages, isinstance(r.tasks.item, list),
                  r.tasks)
            for task in r.tasks.item:
                check("listTasks item %s: fields" % task.taskId, task.type == "GIVE_MONEY"
                      and isinstance(task.status, str)
                      and isinstance(task.additionalInfo, str), task)
                ids.append(task.taskId)
            token, pages = text(r.nextPageToken), pages + 1
            if token == "" or pages >= 50:
                break
        check("listTasks pages cover every GIVE_MONEY task",
              len(ids) == self.facts["giveMoneyCount"]
              and self.facts["finished"]["taskId"] in ids, ids)
        one = self.list_tasks(self.facts["single"]["type"], "", 0).tasks.item
        check("listTasks of one item is a list of one", len(one) == 1
              and one[0].taskId == self.facts["single"]["taskId"], one)
        check_int("listTasks item progressPercent", one[0].progressPercent, 0)
        none = self.list_tasks(self.facts["emptyType"], "", 0)
        check("listTasks of no item is an empty list",
              none.requestStatus == "SUCCESS" and none.tasks.item == [], none)
        check("listTasks bad type: ERR_INVALID_TASK_TYPE",
              self.list_tasks("NOPE", "", 0).requestStatus == "ERR_INVALID_TASK_TYPE")
        check("listTasks pageSize 501: ERR_INVALID_PAGE_SIZE",
              self.list_tasks("", "", 501).requestStatus == "ERR_INVALID_PAGE_SIZE")

    def cancelTask(self):
        task_id = self.facts["cancellable"]
        r = self.service.cancelTask(taskId=task_id)
        check("cancelTask: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("cancelTask: task is FINISHED_ERR_CANCELLED",
              self.status(task_id).status == "FINISHED_ERR_CANCELLED")
        r = self.service.cancelTask(taskId=task_id)
        check("cancelTask again: ERR_TASK_NOT_CANCELLABLE",
              r.requestStatus == "ERR_TASK_NOT_CANCELLABLE", r)
        r = self.service.cancelTask(taskId=self.facts["unknownTaskId"])
        check("cancelTask unknown: ERR_TASK_DOES_NOT_EXIST",
              r.requestStatus == "ERR_TASK_DOES_NOT_EXIST", r)

    def waitForTask(self):
        done = self.facts["finished"]["taskId"]
        r = self.wait(done, "", 0)
        check("waitForTask empty lastStatus: at once", r.status == "FINISHED_OK", r)
        start = time.monotonic()
        r = self.wait(done, "FINISHED_OK", 1)
        elapsed = time.monotonic() - start
        check("waitForTask unchanged: same status after the timeout",
              r.requestStatus == "SUCCESS" and r.status == "FINISHED_OK" and elapsed >= 0.9,
              "%s after %.2fs" % (r, elapsed))
        start = time.monotonic()
        r = self.wait(self.facts["waitee"], "PREPARATION", 20)
        check("waitForTask sees the change", r.status == "SEARCHING", r)
        print("note waitForTask answered the change after %.1fs" % (time.monotonic() - start))
        check_int("waitForTask: progressPercent", r.progressPercent, 0)
        check("waitForTask timeout 26: ERR_INVALID_TIMEOUT",
              self.wait(done, "", 26).requestStatus == "ERR_INVALID_TIMEOUT")
        check("waitForTask unknown: ERR_TASK_DOES_NOT_EXIST",
              self.wait(self.facts["unknownTaskId"], "", 0).requestStatus
              == "ERR_TASK_DOES_NOT_EXIST")


    def startRegister(self):
        name = self.facts["newcomer"]["username"]
        password = self.facts["newcomer"]["password"]
        r = self.register("9-not-a-name", password)
        check("startRegister malformed name: ERR_INVALID_USERNAME, no task",
              r.requestStatus == "ERR_INVALID_USERNAME" and text(r.taskId) == "", r)
        r = self.register(name, "")
        check("startRegister empty password: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.register(name, password, "not json")
        check("startRegister profile not JSON: ERR_INVALID_PARAMETER",
              r.requestStatus == "ERR_INVALID_PARAMETER", r)
        r = self.register(name, password, json.dumps({"name": "New shop " + name}), LOGO)
        check("startRegister: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_task(r.taskId)
        check("startRegister: the REGISTER task ends FINISHED_OK with the username",
              task.type == "REGISTER" and task.status == "FINISHED_OK"
              and json.loads(task.additionalInfo).get("username") == name, task)
        task = self.await_task(self.register(self.shop["username"], password).taskId)
        check("startRegister of a taken name: FINISHED_ERR_INVALID_USERNAME",
              task.status == "FINISHED_ERR_INVALID_USERNAME"
              and error_code(task) == "FINISHED_ERR_INVALID_USERNAME", task)

    def startLogin(self):
        self.refused_before_login()
        username, password = self.shop["username"], self.shop["password"]
        r = self.login("Not A Name", password)
        check("startLogin malformed name: ERR_INVALID_USERNAME, no task",
              r.requestStatus == "ERR_INVALID_USERNAME" and text(r.taskId) == "", r)
        r = self.login(username, "")
        check("startLogin empty password: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        task = self.await_task(self.login(self.facts["unknownUser"], password).taskId)
        check("startLogin of nobody: FINISHED_ERR_USER_NOT_FOUND",
              task.type == "LOGIN" and task.status == "FINISHED_ERR_USER_NOT_FOUND"
              and error_code(task) == "FINISHED_ERR_USER_NOT_FOUND", task)
        task = self.await_task(self.login(username, "not-the-password").taskId)
        check("startLogin wrong password: FINISHED_ERR_USER_NOT_AUTHENTICATED",
              task.status == "FINISHED_ERR_USER_NOT_AUTHENTICATED", task)
        r = self.login(username, password)
        check("startLogin: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_task(r.taskId)
        check("startLogin: the LOGIN task ends FINISHED_OK",
              task.type == "LOGIN" and task.status == "FINISHED_OK", task)
        hello = self.service.hello()
        check("startLogin: hello shows the user, VUI_READY",
              hello.status == "VUI_READY" and hello.username == username, hello)

    def checkPassword(self):
        r = self.service.checkPassword(billonUserPassword="not-the-password")
        check("checkPassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.checkPassword(billonUserPassword="")
        check("checkPassword empty: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.checkPassword(billonUserPassword=self.shop["password"])
        check("checkPassword right: SUCCESS", r.requestStatus == "SUCCESS", r)

    def getMpin(self):
        r = self.service.getMpin(billonUserPassword=self.shop["password"])
        check("getMpin: SUCCESS, six characters", r.requestStatus == "SUCCESS"
              and re.match(r"^[0-9A-Z]{6}$", text(r.mpin)) is not None, r)
        again = self.service.getMpin(billonUserPassword=self.shop["password"])
        check("getMpin again: the same mpin", again.mpin == r.mpin, again)
        r = self.service.getMpin(billonUserPassword="not-the-password")
        check("getMpin wrong password: ERR_INVALID_PASSWORD, no mpin",
              r.requestStatus == "ERR_INVALID_PASSWORD" and text(r.mpin) == "", r)

    def storePassword(self):
        r = self.service.storePassword(billonUserPassword="not-the-password")
        check("storePassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.storePassword(billonUserPassword=self.shop["password"])
        check("storePassword: SUCCESS", r.requestStatus == "SUCCESS", r)
        machine, _ = self.settings()
        check("storePassword: readSettings says the password is remembered",
              machine["rememberUserPasswordForAutoLogin"] is True, machine)

    def clearPassword(self):
        r = self.service.clearPassword(billonUserPassword="not-the-password")
        check("clearPassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.clearPassword(billonUserPassword=self.shop["password"])
        check("clearPassword: SUCCESS", r.requestStatus == "SUCCESS", r)
        machine, _ = self.settings()
        check("clearPassword: readSettings says no password is remembered",
              machine["rememberUserPasswordForAutoLogin"] is False, machine)

    def getMerchantData(self):
        r = self.service.getMerchantData()
        check("getMerchantData: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("getMerchantData: the profile registered", json.loads(r.publicProfileJson)
              == json.loads(self.shop["publicProfileJson"]), r.publicProfileJson)
        check("getMerchantData: no invoice data, no account",
              r.invoiceDataJson == "{}" and r.financialAccountJson == "{}", r)
        # xsd:base64Binary: zeep decodes it to bytes.
        check("getMerchantData: the logo's bytes",
              r.logo == base64.b64decode(self.shop["logo"]), repr(r.logo))

    def setGeolocationInfo(self):
        r = self.service.setGeolocationInfo(shopId="shop-1",
                                            geolocationInfo='{"Lng":"21.01","Lat":"52.23"}')
        check("setGeolocationInfo: SUCCESS", r.requestStatus == "SUCCESS", r)
        r = self.service.setGeolocationInfo(shopId="shop-2", geolocationInfo="here")
        check("setGeolocationInfo not JSON: ERR_INVALID_JSON",
              r.requestStatus == "ERR_INVALID_JSON", r)
        r = self.service.setGeolocationInfo(shopId="", geolocationInfo="{}")
        check("setGeolocationInfo empty shopId: ERR_INVALID_PARAMETER",
              r.requestStatus == "ERR_INVALID_PARAMETER", r)

    def readSettings(self):
        machine, user = self.settings()
        bandwidth = machine.get("bandwidthBehaviour", {})
        port = self.facts["p2pPort"]
        check("readSettings: the node's P2P port",
              bandwidth.get("tcpPort") == port and bandwidth.get("udpPort") == port, bandwidth)
        where = machine.get("geolocation", {})
        check("readSettings: the shop location set",
              where.get("shop-1") == {"Lng": "21.01", "Lat": "52.23"} and "shop-2" not in where,
              where)
        accept = user.get("contactsBehaviour", {}).get("auto_accept_strangers_payments")
        check("readSettings: the user's wallet settings",
              isinstance(user.get("walletPolicy"), str) and isinstance(accept, bool), user)

    def fetchUserLocation(self):
        r = self.service.fetchUserLocation(username=self.facts["newcomer"]["username"])
        check("fetchUserLocation: SUCCESS", r.requestStatus == "SUCCESS", r)
        r = self.service.fetchUserLocation(username="Not A Name")
        check("fetchUserLocation malformed name: ERR_INVALID_USERNAME",
              r.requestStatus == "ERR_INVALID_USERNAME", r)

    def getMoneyStatus(self):
        r = self.service.getMoneyStatus()
        check("getMoneyStatus: SUCCESS", r.requestStatus == "SUCCESS", r)
        check_amount("getMoneyStatus freeBalance", r.freeBalance, self.minted["PLN"], "PLN")
        for field in ("vaultBalance", "lockedBalance", "unpaidCommission"):
            check_amount("getMoneyStatus " + field, getattr(r, field), 0, "PLN")
        items = r.balanceList.item
        check("getMoneyStatus balanceList: one item per currency held",
              isinstance(items, list) and len(items) == len(self.minted), r.balanceList)
        for item in items:
            currency = item.currency
            check("getMoneyStatus balanceList %s: a currency minted" % currency,
                  currency in self.minted, item)
            check_amount("getMoneyStatus balanceList %s freeBalance" % currency,
                         item.freeBalance, self.minted.get(currency, -1), currency)
            for field in ("vaultBalance", "lockedBalance", "unpaidCommission"):
                check_amount("getMoneyStatus balanceList %s %s" % (currency, field),
                             getattr(item, field), 0, currency)

    def getCoinList(self):
        r = self.service.getCoinList()
        check("getCoinList: SUCCESS", r.requestStatus == "SUCCESS", r)
        summed, count, previous = {}, 0, {}
        summary = r.monexSummary.item
        check("getCoinList summary: amounts and quantities are integers",
              all(type(item.amount.amount) is int and type(item.quantity) is int
                  and type(item.amount.colour) is int for item in summary), summary)
        for item in summary:
            currency, face = item.amount.currency, item.amount.amount
            check("getCoinList summary %s %d: smallest first" % (currency, face),
                  face > previous.get(currency, 0), item)
            previous[currency] = face
            summed[currency] = summed.get(currency, 0) + face * item.quantity
            count += item.quantity
        check("getCoinList summary: face value times quantity adds up to the coins minted",
              summed == self.minted, summed)
        coins = r.monexList.item
        values = {}
        for coin in coins:
            values[coin.currency] = values.get(coin.currency, 0) + int(coin.value.replace(".", ""))
        check("getCoinList monexList: values \"units.thousandths\", dates UTC, not expired",
              all(re.match(r"^[0-9]+\.[0-9]{3}$", coin.value) and DATE.match(coin.issuingDate)
                  and DATE.match(coin.incomingDate) and DATE.match(coin.expirationDate)
                  and coin.expirationDate > coin.issuingDate for coin in coins),
              coins[:1])
        check("getCoinList monexList: the values add up to the coins minted",
              values == self.minted, values)
        expected = sorted(i for mint in self.facts["minted"] for i in mint["coinIds"])
        ids = sorted(coin.id for coin in coins)
        check("getCoinList monexList: exactly the coins minted",
              ids == expected and len(ids) == count, ids)
        check("getCoinList reservedList: empty", r.reservedList.item == [], r.reservedList)

    # The payments: the shop asks its wallet to pay, refunds it, lets it pay through a window,
    # cancels a request to a user nobody serves and reads the purchase documents.

    def order_document(self):
        """The purchase document the shop sends with its order: a JSON object with the amount."""
        order = self.payments["order"]
        return json.dumps({"amount": order["billons"],
                           "merchant_unique_purchase_id": order["uniqueTransferId"],
                           "items": [{"name": "Coffee beans 1 kg", "amount": order["billons"]}]})

    def request(self, *args, **kwargs):
        return self.service.requestPaymentInitiation(**payment_request(*args, **kwargs))

    def give(self, *args, service=None, **kwargs):
        return (service or self.service).giveMoneyRequest(**money_gift(*args, **kwargs))

    def free_pln(self, service):
        r = service.getMoneyStatus()
        return r.freeBalance.amount if r.requestStatus == "SUCCESS" else -1

    def balances(self):
        """(the shop's, the wallet's) free PLN."""
        return self.free_pln(self.service), self.free_pln(self.wallet)

    def check_moved(self, name, before, shop_gain):
        """Checks the shop's free PLN moved by exactly shop_gain since before (balances()) and
        the wallet's by the opposite. The payee may store its coins a moment after the payer's
        task ends, so both are polled for up to 10 s, as a shop's back office would."""
        expected = (before[0] + shop_gain, before[1] - shop_gain)
        deadline = time.monotonic() + 10
        now = self.balances()
        while now != expected and time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.balances()
        check("%s: getMoneyStatus of the shop moved by exactly %d, the wallet's by %d"
              % (name, shop_gain, -shop_gain), now == expected,
              "before %s, now %s" % (before, now))

    @staticmethod
    def check_paid(name, task, task_type, counterparty, billons, transfer_id):
        """Checks a payment task ended FINISHED_OK with the counterparty and amount asked."""
        info = json.loads(task.additionalInfo)
        check("%s: the %s task ends FINISHED_OK" % (name, task_type),
              task.type == task_type and task.status == "FINISHED_OK", task)
        check_int(name + ": progressPercent", task.progressPercent, 100)
        check(name + ": additionalInfo names the counterparty, the amount and the transfer id",
              info.get("counterparty") == counterparty
              and info.get("amount") == amount(billons)
              and info.get("uniqueTransferId") == transfer_id, info)

    def requestPaymentInitiation(self):
        payer, order = self.facts["wallet"]["username"], self.payments["order"]
        check_refused("requestPaymentInitiation amount 0",
                      self.request(payer, amount(0), "refused-1"), "ERR_INVALID_AMOUNT")
        r = self.request(payer, amount(TOO_BIG), "refused-2")
        sent = etree.tostring(self.history.last_sent["envelope"]).decode()
        check("requestPaymentInitiation: 2^63 went out in full",
              ">9223372036854775808</amount>" in sent, sent)
        check_refused("requestPaymentInitiation amount 2^63", r, "ERR_INVALID_AMOUNT")
        check_refused("requestPaymentInitiation currency XYZ",
                      self.request(payer, amount(1000, "XYZ"), "refused-3"),
                      "ERR_INVALID_AMOUNT")
        check_refused("requestPaymentInitiation malformed payer",
                      self.request("Not A Name", amount(1000), "refused-4"),
                      "ERR_INVALID_USERNAME")
        check_refused("requestPaymentInitiation type URGENT",
                      self.request(payer, amount(1000), "refused-5", "", "URGENT"),
                      "ERR_INVALID_PAYMENT_TYPE")
        check_refused("requestPaymentInitiation description not JSON",
                      self.request(payer, amount(1000), "refused-6", "coffee"),
                      "ERR_INVALID_PURCHASE_DOCUMENT")
        check("requestPaymentInitiation: a refused call left no task behind its id",
              self.status("", "refused-1").requestStatus == "ERR_TASK_DOES_NOT_EXIST")

        before = self.balances()
        r = self.request(payer, amount(order["billons"]), order["uniqueTransferId"],
                         self.order_document())
        check("requestPaymentInitiation: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        again = self.request(payer, amount(order["billons"]), order["uniqueTransferId"],
                             self.order_document())
        check("requestPaymentInitiation the same call again: the same task",
              again.requestStatus == "SUCCESS" and again.taskId == r.taskId, again)
        check_refused("requestPaymentInitiation the same id, another amount",
                      self.request(payer, amount(order["billons"] + 1000),
                                   order["uniqueTransferId"], self.order_document()),
                      "ERR_INVALID_TRANSFER_ID")
        self.check_paid("requestPaymentInitiation", self.await_task(r.taskId), "REQUEST_PAYMENT",
                        payer, order["billons"], order["uniqueTransferId"])
        self.check_moved("requestPaymentInitiation", before, order["billons"])
        task = self.await_task(self.request(payer, amount(self.facts["wallet"]["acceptUpTo"]
                                                          + 1000), "too-dear-1").taskId)
        check("requestPaymentInitiation above what the wallet accepts: "
              "FINISHED_ERR_USER_REJECTED", task.status == "FINISHED_ERR_USER_REJECTED"
              and error_code(task) == "FINISHED_ERR_USER_REJECTED", task)

    def giveMoneyRequest(self):
        receiver, refund = self.facts["wallet"]["username"], self.payments["refund"]
        check_refused("giveMoneyRequest type XYZ",
                      self.give(receiver, amount(1000), "refused-7", "XYZ"),
                      "ERR_INVALID_PAYMENT_TYPE")
        check_refused("giveMoneyRequest malformed receiver",
                      self.give("Not A Name", amount(1000), "refused-8"), "ERR_INVALID_USERNAME")
        check_refused("giveMoneyRequest amount 0",
                      self.give(receiver, amount(0), "refused-9"), "ERR_INVALID_AMOUNT")
        before = self.balances()
        r = self.give(receiver, amount(refund["billons"]), refund["uniqueTransferId"])
        check("giveMoneyRequest: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        self.check_paid("giveMoneyRequest", self.await_task(r.taskId), "GIVE_MONEY", receiver,
                        refund["billons"], refund["uniqueTransferId"])
        self.check_moved("giveMoneyRequest", before, -refund["billons"])

    def requestPingPaymentInitiation(self):
        payer = self.facts["wallet"]["username"]

        def ping(user, transfer_id):
            return self.service.requestPingPaymentInitiation(
                requestData=request_data(user, transfer_id), paymentContext="",
                peerLocation=NO_LOCATION)
        check_refused("requestPingPaymentInitiation malformed user",
                      ping("Not A Name", "ping-refused-1"), "ERR_INVALID_USERNAME")
        before = self.balances()
        r = ping(payer, "ping-1")
        check("requestPingPaymentInitiation: SUCCESS with a task id",
              r.requestStatus == "SUCCESS" and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_task(r.taskId)
        info = json.loads(task.additionalInfo)
        check("requestPingPaymentInitiation: PING_PAYMENT FINISHED_OK, a coin there and back",
              task.type == "PING_PAYMENT" and task.status == "FINISHED_OK"
              and info["amount"]["amount"] == 0 and info["coinCount"] >= 2, task)
        self.check_moved("requestPingPaymentInitiation costs nothing", before, 0)

    def expectPaymentRequest(self):
        payer, window = self.facts["wallet"]["username"], self.payments["window"]
        for case, (username, money, timeout, code) in {
                "malformed name": ("Not A Name", amount(1000), 60, "ERR_INVALID_USERNAME"),
                "amount 0": (payer, amount(0), 60, "ERR_INVALID_AMOUNT"),
                "timeout 0": (payer, amount(1000), 0, "ERR_INVALID_TIMEOUT")}.items():
            r = self.service.expectPaymentRequest(username=username, amount=money,
                                                  timeout=timeout)
            check("expectPaymentRequest %s: %s, no confirmation" % (case, code),
                  r.requestStatus == code and text(r.requestPaymentIdConfirmation) == "", r)
        before = self.balances()
        r = self.service.expectPaymentRequest(username=payer, amount=amount(window["billons"]),
                                              timeout=60)
        check("expectPaymentRequest: SUCCESS, a 26-character requestPaymentIdConfirmation",
              r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.requestPaymentIdConfirmation)) is not None, r)

        def gift(transfer_id):
            started = self.give(self.shop["username"], amount(window["billons"]), transfer_id,
                                service=self.wallet)
            return self.await_task(started.taskId, self.wallet)

        task = gift(window["uniqueTransferId"])
        check("expectPaymentRequest: the wallet's payment through the window ends FINISHED_OK",
              task.status == "FINISHED_OK", task)
        self.check_moved("expectPaymentRequest", before, window["billons"])
        task = gift(window["uniqueTransferId"] + "-again")
        check("expectPaymentRequest: the window is single-use, the next payment is rejected",
              task.status == "FINISHED_ERR_USER_REJECTED", task)
        self.check_moved("expectPaymentRequest, after the rejected payment", before,
                         window["billons"])

    def await_status(self, task_id, statuses):
        """Polls getTaskStatus until the task is in one of statuses or has ended."""
        deadline = time.monotonic() + 30
        while True:
            r = self.status(task_id)
            if (r.requestStatus != "SUCCESS" or r.status in statuses
                    or text(r.status).startswith("FINISHED_") or time.monotonic() > deadline):
                return r
            time.sleep(0.1)

    def startSeriesPayment(self):
        payer = self.facts["wallet"]["username"]
        series, in_series = self.payments["series"], self.payments["inSeries"]

        def start(*args, **kwargs):
            return self.service.startSeriesPayment(**series_request(*args, **kwargs))

        check_refused("startSeriesPayment type NORMAL",
                      start(payer, amount(series["billons"]), "refused-10", "NORMAL"),
                      "ERR_INVALID_PAYMENT_TYPE")
        check_refused("startSeriesPayment malformed payer",
                      start("Not A Name", amount(series["billons"]), "refused-11"),
                      "ERR_INVALID_USERNAME")
        check_refused("startSeriesPayment total in XYZ",
                      start(payer, amount(series["billons"], "XYZ"), "refused-12"),
                      "ERR_INVALID_AMOUNT")
        r = start(payer, amount(series["billons"]), series["uniqueTransferId"])
        check("startSeriesPayment: SUCCESS, the series id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_status(r.taskId, ("SERIES_ACCEPTED",))
        check("startSeriesPayment: the wallet accepts, SERIES_ACCEPTED",
              task.type == "MONEY_COLLECT_SERIES" and task.status == "SERIES_ACCEPTED", task)
        before = self.balances()

        def pay(transfer_id):
            started = self.request(payer, amount(in_series["billons"]), transfer_id,
                                   series_id=r.taskId)
            return self.await_task(started.taskId)

        self.check_paid("startSeriesPayment, a payment in the series",
                        pay(in_series["uniqueTransferId"]), "REQUEST_PAYMENT", payer,
                        in_series["billons"], in_series["uniqueTransferId"])
        self.check_moved("startSeriesPayment, a payment in the series", before,
                         in_series["billons"])
        task = pay("series-payment-2")
        check("startSeriesPayment: a payment over the series' total: "
              "FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED",
              task.status == "FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED", task)
        self.check_moved("startSeriesPayment, after the refused payment", before,
                         in_series["billons"])

    def endSeriesPayment(self):
        series = self.status("", self.payments["series"]["uniqueTransferId"])

        def end(series_id):
            return self.service.endSeriesPayment(seriesId=series_id)

        r = end(series.taskId)
        check("endSeriesPayment of the running series: SUCCESS", r.requestStatus == "SUCCESS",
              (series, r))
        task = self.status(series.taskId)
        check("endSeriesPayment: the series is SERIES_FINISHED",
              task.status == "SERIES_FINISHED", task)
        check_refused("endSeriesPayment: a request in the ended series",
                      self.request(self.facts["wallet"]["username"], amount(1000),
                                   "refused-13", series_id=series.taskId),
                      "ERR_INVALID_SERIES_ID")
        check("endSeriesPayment again: ERR_INVALID_TASK_ID",
              end(series.taskId).requestStatus == "ERR_INVALID_TASK_ID")
        check("endSeriesPayment malformed id: ERR_INVALID_TASK_ID",
              end("ABC-123").requestStatus == "ERR_INVALID_TASK_ID")

    def requestPersonalData(self):
        user = self.facts["wallet"]["username"]

        def ask(*args, **kwargs):
            return self.service.requestPersonalData(**personal_data_request(*args, **kwargs))

        check_refused("requestPersonalData type XYZ", ask(user, "OPTIONAL", "OPTIONAL", "XYZ"),
                      "ERR_INVALID_PAYMENT_TYPE")
        check_refused("requestPersonalData malformed name",
                      ask("Not A Name", "OPTIONAL", "OPTIONAL"), "ERR_INVALID_USERNAME")
        check_refused("requestPersonalData invoice ALWAYS", ask(user, "ALWAYS", "OPTIONAL"),
                      "ERR_INVALID_INVOICE_OPTION")
        check_refused("requestPersonalData delivery SOMETIMES",
                      ask(user, "OPTIONAL", "SOMETIMES"), "ERR_INVALID_DELIVERY_OPTION")
        invoice = json.loads(self.facts["wallet"]["invoiceDataJson"])
        delivery = json.loads(self.facts["wallet"]["deliveryDataJson"])
        task = self.await_task(ask(user, "OBLIGATORY", "NOT_NEEDED").taskId)
        info = json.loads(text(task.additionalInfo) or "{}")
        check("requestPersonalData invoice only: FINISHED_OK with the invoice data alone",
              task.type == "PERSONAL_DATA_REQUEST" and task.status == "FINISHED_OK"
              and info.get("invoiceData") == invoice and "deliveryData" not in info, task)
        task = self.await_task(ask(user, "NOT_NEEDED", "OPTIONAL", "MONEY_COLLECT_REQUEST").taskId)
        info = json.loads(text(task.additionalInfo) or "{}")
        check("requestPersonalData MONEY_COLLECT_REQUEST, delivery only: the delivery data "
              "alone (UTF-8 intact)", task.type == "MONEY_COLLECT_REQUEST"
              and task.status == "FINISHED_OK" and info.get("deliveryData") == delivery
              and "invoiceData" not in info, task)

    def cancelPaymentRequest(self):
        cancelled, order = self.payments["cancelled"], self.payments["order"]

        def cancel(task_id, transfer_id=""):
            return self.service.cancelPaymentRequest(taskId=task_id,
                                                     uniqueTransferId=transfer_id)

        check("cancelPaymentRequest malformed id: ERR_INVALID_TASK_ID",
              cancel("ABC-123").requestStatus == "ERR_INVALID_TASK_ID")
        check("cancelPaymentRequest unknown id: ERR_TASK_DOES_NOT_EXIST",
              cancel(self.facts["unknownTaskId"]).requestStatus == "ERR_TASK_DOES_NOT_EXIST")
        done = self.status("", order["uniqueTransferId"])
        r = cancel(done.taskId, order["uniqueTransferId"])
        check("cancelPaymentRequest of the finished order: ERR_TASK_NOT_CANCELLABLE",
              r.requestStatus == "ERR_TASK_NOT_CANCELLABLE", (done, r))
        # The newcomer is registered, and no node serves it: the request searches for 30 s.
        started = self.request(self.facts["newcomer"]["username"],
                               amount(cancelled["billons"]), cancelled["uniqueTransferId"])
        check("cancelPaymentRequest: a request to a user nobody serves starts",
              started.requestStatus == "SUCCESS", started)
        r = cancel(started.taskId, "another-transfer")
        check("cancelPaymentRequest another transfer id: ERR_INVALID_TRANSFER_ID",
              r.requestStatus == "ERR_INVALID_TRANSFER_ID", r)
        r = cancel(started.taskId, cancelled["uniqueTransferId"])
        check("cancelPaymentRequest while it searches: SUCCESS", r.requestStatus == "SUCCESS", r)
        task = self.status(started.taskId)
        check("cancelPaymentRequest: the task is FINISHED_ERR_CANCELLED",
              task.status == "FINISHED_ERR_CANCELLED"
              and error_code(task) == "FINISHED_ERR_CANCELLED", task)
        check("cancelPaymentRequest again: ERR_TASK_NOT_CANCELLABLE",
              cancel(started.taskId).requestStatus == "ERR_TASK_NOT_CANCELLABLE")

    def getPurchaseDocument(self):
        def document(transfer_id):
            return self.service.getPurchaseDocument(uniqueTransferId=transfer_id)

        r = document(self.payments["order"]["uniqueTransferId"])
        check("getPurchaseDocument of the order: SUCCESS, the document the shop sent",
              r.requestStatus == "SUCCESS"
              and json.loads(r.purchaseDocument) == json.loads(self.order_document()), r)
        refund = self.payments["refund"]
        r = document(refund["uniqueTransferId"])
        filled = json.loads(text(r.purchaseDocument) or "{}")
        sale = filled.get("sales_document_data", {})
        check("getPurchaseDocument of the refund: the document the node filled in",
              r.requestStatus == "SUCCESS" and sale.get("seller") == self.shop["username"]
              and sale.get("buyer") == self.facts["wallet"]["username"]
              and filled.get("amount") == refund["billons"]
              and filled.get("merchant_unique_purchase_id") == refund["uniqueTransferId"], r)
        r = document("never-sold-1")
        check("getPurchaseDocument unknown id: ERR_INVALID_TRANSFER_ID, no document",
              r.requestStatus == "ERR_INVALID_TRANSFER_ID" and text(r.purchaseDocument) == ""
              and text(r.requestStatusDescription) != "", r)
        r = document(self.payments["cancelled"]["uniqueTransferId"])
        check("getPurchaseDocument of the cancelled request: ERR_INVALID_TRANSFER_ID, "
              "naming its status", r.requestStatus == "ERR_INVALID_TRANSFER_ID"
              and "FINISHED_ERR_CANCELLED" in text(r.requestStatusDescription), r)
        check("getPurchaseDocument empty id: ERR_INVALID_TRANSFER_ID",
              document("").requestStatus == "ERR_INVALID_TRANSFER_ID")

    def getPurchaseDocumentList(self):
        def listed(**given):
            return self.service.getPurchaseDocumentList(searchCriteria=criteria(**given))

        def ids(r):
            return [item.uniqueTransferId for item in r.documents.item]

        # The task the test prepared as a finished GIVE_MONEY is in the history too.
        # The ping (ping-1) went through as well: an exchange of equal value, amount 0.
        paid = [self.facts["finished"]["uniqueTransferId"]] + [
            self.payments[name]["uniqueTransferId"] for name in ("order", "refund")] + [
            "ping-1"] + [self.payments[name]["uniqueTransferId"]
                         for name in ("window", "inSeries")]
        r = listed()
        check("getPurchaseDocumentList no criteria: SUCCESS, the payments that went through, "
              "in finish order", r.requestStatus == "SUCCESS" and ids(r) == paid, r)
        check("getPurchaseDocumentList: every document a JSON object",
              all(isinstance(json.loads(item.purchaseDocument), dict)
                  for item in r.documents.item), r.documents)
        r = listed(startDate=utc(-3600), endDate=utc(3600))
        check("getPurchaseDocumentList the hour around now (UTC): the same payments",
              ids(r) == paid, r)
        r = listed(startDate="2999-01-01 00:00:00", endDate="2999-12-31 23:59:59")
        check("getPurchaseDocumentList a range in the future: SUCCESS, no item",
              r.requestStatus == "SUCCESS" and r.documents.item == [], r)
        order = amount(self.payments["order"]["billons"])
        r = listed(fromAmount=order, toAmount=order)
        check("getPurchaseDocumentList the order's amount: the order alone",
              ids(r) == [self.payments["order"]["uniqueTransferId"]], r)
        check("getPurchaseDocumentList malformed date: ERR_INVALID_DATE",
              listed(startDate="yesterday").requestStatus == "ERR_INVALID_DATE")
        r = listed(fromAmount=amount(2000), toAmount=amount(1000))
        check("getPurchaseDocumentList fromAmount above toAmount: ERR_INVALID_AMOUNT",
              r.requestStatus == "ERR_INVALID_AMOUNT", r)


# The operations Suite exercises, in the order it runs them; each has a method of that name.
# The login comes after the checks without a user.
SUITE_OPERATIONS = ("hello", "getCurrencyRatio", "getTaskStatus", "listTasks", "cancelTask",
                    "waitForTask", "startRegister", "startLogin", "checkPassword", "getMpin",
                    "storePassword", "clearPassword", "getMerchantData", "setGeolocationInfo",
                    "readSettings", "fetchUserLocation", "getMoneyStatus", "getCoinList",
                    "requestPaymentInitiation", "giveMoneyRequest",
                    "requestPingPaymentInitiation", "expectPaymentRequest",
                    "startSeriesPayment", "endSeriesPayment", "requestPersonalData",
                    "cancelPaymentRequest", "getPurchaseDocument", "getPurchaseDocumentList")


def run_operations(suite, served):
    for name in sorted(set(served) - set(SUITE_OPERATIONS)):
        check("operation %s is exercised" % name, False,
              "the node serves it but this client suite has no checks for it")
    for name in sorted(set(SUITE_OPERATIONS) - set(served)):
        check("operation %s is declared" % name, False,
              "the suite checks it but the WSDL lacks it")
    for name in SUITE_OPERATIONS:
        if name not in served:
            continue
        try:
            getattr(suite, name)()
            print("covered " + name)
        except Exception as error:  # an integrator's unexpected exception is a failed check
            check("operation " + name, False, "".join(traceback.format_exception(error)))


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: zeep-client.py NODE_URL FACTS_JSON_FILE\n")
        return 2
    url, facts_file = sys.argv[1], sys.argv[2]
    with open(facts_file, encoding="utf-8") as facts_in:
        facts = json.load(facts_in)
    document = etree.fromstring(requests.get(url + "?wsdl", timeout=10).content)
    served = wsdl_operations(document)
    check("the WSDL declares operations", len(served) > 0, served)
    history = HistoryPlugin()
    client = zeep.Client(url + "?wsdl", plugins=[history])
    seen = sorted(client.wsdl.port_types["{ns1}cnodePortType"].operations)
    check("zeep sees the WSDL operations", seen == sorted(served), seen)
    wallet = zeep.Client(facts["wallet"]["url"] + "?wsdl").service
    run_operations(Suite(client.service, wallet, history, facts, served), served)

    with tempfile.NamedTemporaryFile("wb", suffix=".wsdl", delete=False) as newer:
        newer.write(newer_wsdl(document, "transferEverything"))
    try:
        stale = zeep.Client(newer.name).create_service("{ns1}cnodeBinding", url)
        check_fault("an undocumented operation answers a SOAP Fault",
                    stale.transferEverything, "not an operation")
    finally:
        os.unlink(newer.name)
    check_fault("an oversized call answers a SOAP Fault",
                lambda: client.service.getTaskStatus(taskId="A" * 300_000,
                                                     uniqueTransferId="", callback=False),
                "larger than the limit")
    print("PASS zeep" if failures == 0 else "FAILED zeep: %d check(s)" % failures)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
