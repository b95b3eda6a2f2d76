namespace Jixiao.Ingest.Synthetic;

/// <summary>How a target value is shaped.</summary>
internal enum TargetShape
{
    /// <summary>A count or amount with a unit: <c>≥120(人次)</c>.</summary>
    Count,

    /// <summary>A percentage: <c>≥95(%)</c>, <c>=100(%)</c>, <c>≤5(%)</c>.</summary>
    Percent,

    /// <summary>Zero events: <c>=0(起)</c>.</summary>
    Zero,

    /// <summary>Words: <c>及时</c>, <c>有效</c>, <c>健全</c>.</summary>
    Word,
}

/// <summary>An indicator the generator can place under a second-level label.</summary>
internal sealed record IndicatorTemplate(string Level2, string Name, TargetShape Shape, string Op, decimal Min, decimal Max, string Unit, string Word)
{
    public static IndicatorTemplate N(string level2, string name, string unit, int min, int max, string op = "≥") =>
        new(level2, name, TargetShape.Count, op, min, max, unit, "");

    public static IndicatorTemplate P(string level2, string name, decimal value, string op = "≥") =>
        new(level2, name, TargetShape.Percent, op, value, value, "%", "");

    public static IndicatorTemplate Z(string level2, string name, string unit = "起") =>
        new(level2, name, TargetShape.Zero, "=", 0, 0, unit, "");

    public static IndicatorTemplate W(string level2, string name, string word) =>
        new(level2, name, TargetShape.Word, "", 0, 0, "", word);
}

/// <summary>A field of public spending: who spends, on what, and how success is measured.</summary>
internal sealed record Domain(
    string Agency,
    string[] Units,
    string[] Topics,
    string[] Purposes,
    string[] Outcomes,
    string ServiceObject,
    IndicatorTemplate[] Indicators);

/// <summary>
/// The generator's own vocabulary: invented jurisdictions and plausible public-sector wording. Nothing here is
/// taken from the corpus.
/// </summary>
internal static class Vocabulary
{
    public const string City = "江海市";

    /// <summary>Districts and counties with the one-character abbreviation used in document numbers.</summary>
    public static readonly (string Name, string Abbr)[] Districts =
    [
        ("临江区", "临"), ("云溪区", "云"), ("北塘区", "塘"), ("东湖区", "湖"),
        ("南苑区", "苑"), ("西岭县", "岭"), ("清河区", "清"), ("望海新区", "望"),
    ];

    /// <summary>Towns and sub-districts (镇 / 街道), each under a district.</summary>
    public static readonly string[] Towns =
    [
        "白鹭镇", "石桥镇", "柳营街道", "新港街道", "金沙镇", "枫林街道", "双桥镇", "梅园街道",
    ];

    public static readonly string[] ProjectCategories = ["经常性项目", "经常性项目", "一次性项目", "延续性项目"];

    public static readonly string[] DeviationCauses =
    [
        "招投标进度滞后", "供应商履约不到位", "极端天气", "人员调整", "政策口径调整", "部分点位施工条件受限",
        "服务需求季节性波动", "前期调研不充分", "跨部门协调周期较长", "设备到货延迟",
    ];

    public static readonly string[] DeviationFixes =
    [
        "加强过程监管，按月跟踪进度", "提前谋划采购计划，压实供应商责任", "完善应急预案，合理安排作业时间",
        "加强部门间沟通协调", "细化绩效目标，提高目标设定的科学性", "加大宣传力度，提高群众知晓率",
        "建立问题清单并限期整改", "优化工作流程，提升服务效率",
    ];

    public static readonly string[] GenericPurposes =
    [
        "保障各项工作有序开展", "提升公共服务质量和效率", "规范资金使用管理", "推动工作常态化长效化",
        "增强群众获得感和满意度", "夯实基层治理基础",
    ];

    public static readonly IndicatorTemplate[] Generic =
    [
        IndicatorTemplate.P("质量指标", "项目验收合格率", 100, "="),
        IndicatorTemplate.P("质量指标", "资金使用合规率", 100, "="),
        IndicatorTemplate.W("质量指标", "服务规范性", "规范"),
        IndicatorTemplate.W("时效指标", "项目完成及时性", "及时"),
        IndicatorTemplate.W("时效指标", "资金支付及时性", "及时"),
        IndicatorTemplate.P("时效指标", "任务按期完成率", 95),
        IndicatorTemplate.W("可持续影响指标", "长效管理机制健全性", "健全"),
        IndicatorTemplate.W("可持续影响指标", "管理制度执行有效性", "有效"),
        IndicatorTemplate.W("可持续影响指标", "部门协同联动机制", "持续运行"),
        IndicatorTemplate.W("社会效益指标", "政策宣传知晓度", "提高"),
        IndicatorTemplate.Z("社会效益指标", "有效投诉发生数"),
        IndicatorTemplate.W("经济成本指标", "项目成本控制情况", "控制在预算内"),
        IndicatorTemplate.P("经济成本指标", "预算成本控制率", 100, "≤"),
        IndicatorTemplate.W("经济成本指标", "单位服务成本", "不高于上年"),
        IndicatorTemplate.W("社会成本指标", "对公众生活的干扰", "降至最低"),
        IndicatorTemplate.W("社会成本指标", "社会资源占用", "合理"),
        IndicatorTemplate.W("生态环境成本指标", "对周边环境的影响", "无不良影响"),
        IndicatorTemplate.W("生态环境成本指标", "能源消耗水平", "合理"),
        IndicatorTemplate.W("经济效益指标", "财政资金使用效益", "提高"),
        IndicatorTemplate.W("生态效益指标", "绿色低碳理念落实", "落实"),
    ];

    public static readonly Domain[] Domains =
    [
        new(
            "教育局",
            ["青少年活动中心", "教育技术装备中心", "学生资助管理中心", "教师进修学院"],
            ["中小学校舍维修改造", "学生营养午餐补助", "中小学教师专业培训", "校园安全技防设施运维", "课后延时服务补助", "智慧校园网络升级", "普惠性幼儿园运转补助"],
            ["改善中小学办学条件", "保障学生在校安全", "提升教师专业能力", "减轻家庭课后看护负担"],
            ["办学条件明显改善", "教师队伍素质稳步提升", "校园安全事故零发生", "学生和家长认可度提高"],
            "学生家长",
            [
                IndicatorTemplate.N("数量指标", "维修改造校舍面积", "平方米", 800, 12000),
                IndicatorTemplate.N("数量指标", "参训教师人次", "人次", 120, 2600),
                IndicatorTemplate.N("数量指标", "受助学生人数", "人", 200, 5200),
                IndicatorTemplate.N("数量指标", "覆盖学校数", "所", 6, 48, "="),
                IndicatorTemplate.P("质量指标", "技防设备完好率", 98),
                IndicatorTemplate.P("质量指标", "培训考核合格率", 95),
                IndicatorTemplate.W("质量指标", "餐食营养搭配", "符合标准"),
                IndicatorTemplate.W("社会效益指标", "办学条件", "改善"),
                IndicatorTemplate.W("社会效益指标", "学生安全意识", "提升"),
                IndicatorTemplate.Z("社会效益指标", "校园安全责任事故数"),
                IndicatorTemplate.P("服务对象满意度指标", "家长满意度", 90),
                IndicatorTemplate.P("服务对象满意度指标", "参训教师满意度", 90),
            ]),
        new(
            "卫生健康委员会",
            ["疾病预防控制中心", "社区卫生服务管理中心", "妇幼保健所", "卫生健康监督所"],
            ["老年人健康体检", "家庭医生签约服务补助", "适龄儿童免疫规划", "公共卫生应急物资储备", "慢性病综合防治", "基层医疗机构设备更新"],
            ["提高居民健康水平", "筑牢公共卫生防线", "推进分级诊疗", "做实家庭医生服务"],
            ["重点人群健康管理率稳步提高", "传染病疫情平稳可控", "基层服务能力明显增强"],
            "签约居民",
            [
                IndicatorTemplate.N("数量指标", "完成体检人数", "人", 1500, 42000),
                IndicatorTemplate.N("数量指标", "储备应急物资品种", "类", 12, 60, "="),
                IndicatorTemplate.N("数量指标", "更新医疗设备台数", "台", 5, 80),
                IndicatorTemplate.P("质量指标", "免疫规划疫苗接种率", 95),
                IndicatorTemplate.P("质量指标", "体检报告反馈率", 100, "="),
                IndicatorTemplate.P("质量指标", "物资储备完好率", 100, "="),
                IndicatorTemplate.W("社会效益指标", "居民健康素养水平", "提升"),
                IndicatorTemplate.W("社会效益指标", "突发公共卫生事件处置能力", "增强"),
                IndicatorTemplate.Z("社会效益指标", "甲类传染病暴发疫情数"),
                IndicatorTemplate.P("服务对象满意度指标", "签约居民满意度", 90),
                IndicatorTemplate.P("服务对象满意度指标", "体检对象满意度", 85),
            ]),
        new(
            "民政局",
            ["养老服务指导中心", "社会救助事务管理中心", "福利院", "婚姻登记中心"],
            ["居家养老服务补贴", "社区长者食堂运营补贴", "困难群众临时救助", "养老机构消防改造", "社会组织孵化培育"],
            ["保障困难群众基本生活", "完善社区养老服务网络", "兜牢民生底线", "提升养老服务质量"],
            ["困难群众基本生活得到有效保障", "老年人助餐需求基本满足", "社区养老服务覆盖面扩大"],
            "服务老人",
            [
                IndicatorTemplate.N("数量指标", "享受补贴老人人数", "人", 300, 8600),
                IndicatorTemplate.N("数量指标", "助餐服务人次", "万人次", 2, 60),
                IndicatorTemplate.N("数量指标", "临时救助户次", "户次", 40, 900),
                IndicatorTemplate.P("质量指标", "救助资金发放准确率", 100, "="),
                IndicatorTemplate.P("质量指标", "食品安全抽检合格率", 100, "="),
                IndicatorTemplate.N("时效指标", "救助审批办结时限", "个工作日", 5, 15, "≤"),
                IndicatorTemplate.W("社会效益指标", "困难群众基本生活", "有效保障"),
                IndicatorTemplate.W("社会效益指标", "老年人生活质量", "提高"),
                IndicatorTemplate.P("服务对象满意度指标", "服务老人满意度", 90),
                IndicatorTemplate.P("服务对象满意度指标", "救助对象满意度", 88),
            ]),
        new(
            "绿化和市容管理局",
            ["绿化管理所", "市容环境卫生管理所", "环境卫生作业中心", "公园管理所"],
            ["公园绿地日常养护", "行道树修剪及补植", "生活垃圾分类收运", "道路冲洗保洁", "公共厕所运行维护", "景观灯光设施维护"],
            ["改善城市人居环境", "提升市容市貌", "巩固垃圾分类成效", "打造整洁有序的城区环境"],
            ["绿地养护质量稳步提升", "道路洁净度明显提高", "垃圾分类实效持续巩固"],
            "市民",
            [
                IndicatorTemplate.N("数量指标", "养护绿地面积", "万平方米", 20, 460, "="),
                IndicatorTemplate.N("数量指标", "修剪行道树株数", "株", 1200, 26000),
                IndicatorTemplate.N("数量指标", "湿垃圾日均清运量", "吨", 30, 420),
                IndicatorTemplate.N("数量指标", "运维公共厕所座数", "座", 10, 160, "="),
                IndicatorTemplate.P("质量指标", "绿化养护考核达标率", 95),
                IndicatorTemplate.P("质量指标", "道路保洁质量达标率", 95),
                IndicatorTemplate.W("社会效益指标", "市容环境面貌", "改善"),
                IndicatorTemplate.W("生态效益指标", "城区绿化覆盖水平", "提高"),
                IndicatorTemplate.P("生态效益指标", "生活垃圾回收利用率", 40),
                IndicatorTemplate.P("服务对象满意度指标", "市民满意度", 85),
                IndicatorTemplate.P("服务对象满意度指标", "周边居民满意度", 90),
            ]),
        new(
            "水务局",
            ["河道管理所", "排水管理所", "水文水资源监测站", "供水管理所"],
            ["中小河道日常养护", "排水管网疏通检测", "防汛设施维修养护", "饮用水水质监测", "泵站运行维护"],
            ["保障城区防汛安全", "改善河道水环境", "确保供水水质安全", "提升排水设施运行效率"],
            ["河道水质稳中向好", "汛期未发生严重积水", "排水设施完好率保持较高水平"],
            "沿河居民",
            [
                IndicatorTemplate.N("数量指标", "养护河道长度", "公里", 12, 240, "="),
                IndicatorTemplate.N("数量指标", "疏通排水管道长度", "公里", 20, 380),
                IndicatorTemplate.N("数量指标", "水质监测频次", "次", 12, 365),
                IndicatorTemplate.N("数量指标", "维护泵站座数", "座", 3, 45, "="),
                IndicatorTemplate.P("质量指标", "河道水质达标率", 90),
                IndicatorTemplate.P("质量指标", "泵站设备完好率", 98),
                IndicatorTemplate.W("时效指标", "汛前设施检修完成及时性", "及时"),
                IndicatorTemplate.W("社会效益指标", "防汛安全保障能力", "增强"),
                IndicatorTemplate.W("生态效益指标", "河道水环境", "改善"),
                IndicatorTemplate.Z("社会效益指标", "因设施故障导致的严重积水次数", "次"),
                IndicatorTemplate.P("服务对象满意度指标", "沿河居民满意度", 85),
            ]),
        new(
            "文化和旅游局",
            ["图书馆", "文化馆", "非物质文化遗产保护中心", "博物馆"],
            ["公共文化服务配送", "图书资源采购", "群众文化活动", "非物质文化遗产保护传承", "文旅节庆活动"],
            ["丰富群众精神文化生活", "完善公共文化服务体系", "保护传承优秀传统文化"],
            ["公共文化服务供给更加丰富", "群众参与文化活动热情提高", "文化品牌影响力扩大"],
            "参与群众",
            [
                IndicatorTemplate.N("数量指标", "配送文化活动场次", "场", 40, 900),
                IndicatorTemplate.N("数量指标", "新增馆藏图书", "册", 3000, 60000),
                IndicatorTemplate.N("数量指标", "活动参与人次", "人次", 2000, 80000),
                IndicatorTemplate.N("数量指标", "开展非遗展示活动", "场", 4, 40),
                IndicatorTemplate.P("质量指标", "活动方案执行率", 100, "="),
                IndicatorTemplate.W("质量指标", "节目演出质量", "良好"),
                IndicatorTemplate.W("社会效益指标", "群众文化生活", "丰富"),
                IndicatorTemplate.W("经济效益指标", "带动文旅消费", "有所增长"),
                IndicatorTemplate.W("可持续影响指标", "文化品牌影响力", "持续提升"),
                IndicatorTemplate.P("服务对象满意度指标", "参与群众满意度", 90),
            ]),
        new(
            "应急管理局",
            ["应急管理服务中心", "安全生产监察大队", "应急物资储备库"],
            ["安全生产执法检查", "防汛防台物资储备", "应急救援队伍演练", "危险化学品企业风险评估", "安全生产宣传教育"],
            ["防范化解重大安全风险", "提升应急处置能力", "压实企业安全生产主体责任"],
            ["全年未发生较大及以上生产安全事故", "企业隐患整改闭环率提高", "应急响应能力进一步增强"],
            "受检企业",
            [
                IndicatorTemplate.N("数量指标", "检查企业家次", "家次", 80, 2400),
                IndicatorTemplate.N("数量指标", "开展应急演练次数", "次", 4, 36),
                IndicatorTemplate.N("数量指标", "储备防汛物资品种", "类", 10, 40, "="),
                IndicatorTemplate.P("质量指标", "隐患整改闭环率", 100, "="),
                IndicatorTemplate.P("质量指标", "物资账实相符率", 100, "="),
                IndicatorTemplate.W("时效指标", "险情响应及时性", "及时"),
                IndicatorTemplate.Z("社会效益指标", "较大及以上生产安全事故数"),
                IndicatorTemplate.W("社会效益指标", "企业安全生产意识", "提升"),
                IndicatorTemplate.P("服务对象满意度指标", "受检企业满意度", 85),
            ]),
        new(
            "政务服务办公室",
            ["政务服务中心", "城市运行管理中心", "12345热线工作站"],
            ["政务服务中心窗口运行", "一网通办平台运维", "网络安全等级保护测评", "视频会议系统维护", "热线工单处置"],
            ["提升政务服务便利度", "保障信息系统安全稳定运行", "推动高效办成一件事"],
            ["办事群众等候时间缩短", "系统全年运行平稳", "热线工单按时办结率提高"],
            "办事群众",
            [
                IndicatorTemplate.N("数量指标", "窗口受理办件量", "件", 8000, 260000),
                IndicatorTemplate.N("数量指标", "完成等保测评系统数", "个", 3, 30, "="),
                IndicatorTemplate.N("数量指标", "处置热线工单量", "件", 5000, 150000),
                IndicatorTemplate.P("质量指标", "系统正常运行率", 99),
                IndicatorTemplate.P("质量指标", "工单按时办结率", 95),
                IndicatorTemplate.N("时效指标", "平均等候时长", "分钟", 10, 30, "≤"),
                IndicatorTemplate.Z("社会效益指标", "重大网络安全事件数"),
                IndicatorTemplate.W("社会效益指标", "政务服务便利度", "提升"),
                IndicatorTemplate.P("社会效益指标", "群众投诉率", 5, "≤"),
                IndicatorTemplate.P("服务对象满意度指标", "办事群众满意度", 95),
            ]),
        new(
            "农业农村委员会",
            ["农业技术推广中心", "动物疫病预防控制中心", "农村经营管理站"],
            ["高标准农田建设", "重大动物疫病强制免疫", "耕地地力保护补贴", "农村人居环境整治", "农业防灾减灾"],
            ["稳定粮食生产", "防控重大动物疫病", "改善农村人居环境", "促进农民增收"],
            ["粮食生产能力稳步提高", "重大动物疫情零发生", "村容村貌明显改善"],
            "农户",
            [
                IndicatorTemplate.N("数量指标", "建成高标准农田面积", "亩", 500, 12000, "="),
                IndicatorTemplate.N("数量指标", "补贴发放农户数", "户", 300, 9000),
                IndicatorTemplate.N("数量指标", "整治村庄数", "个", 3, 40, "="),
                IndicatorTemplate.P("质量指标", "强制免疫免疫密度", 90),
                IndicatorTemplate.P("质量指标", "补贴发放准确率", 100, "="),
                IndicatorTemplate.W("经济效益指标", "农户收入水平", "稳步增加"),
                IndicatorTemplate.W("生态效益指标", "农业面源污染", "有效减少"),
                IndicatorTemplate.Z("社会效益指标", "区域性重大动物疫情发生数"),
                IndicatorTemplate.P("服务对象满意度指标", "农户满意度", 90),
            ]),
        new(
            "司法局",
            ["公共法律服务中心", "人民调解指导中心", "社区矫正管理中心"],
            ["人民调解以案定补", "公共法律服务平台运行", "法治宣传教育", "社区矫正安置帮教"],
            ["化解基层矛盾纠纷", "完善公共法律服务体系", "提高全民法治素养"],
            ["矛盾纠纷就地化解率提高", "公共法律服务触手可及", "群众法治意识增强"],
            "服务对象",
            [
                IndicatorTemplate.N("数量指标", "调解矛盾纠纷件数", "件", 300, 6000),
                IndicatorTemplate.N("数量指标", "开展法治宣传活动", "场", 20, 400),
                IndicatorTemplate.N("数量指标", "提供法律咨询人次", "人次", 1000, 30000),
                IndicatorTemplate.P("质量指标", "调解成功率", 95),
                IndicatorTemplate.P("质量指标", "调解协议履行率", 98),
                IndicatorTemplate.W("社会效益指标", "基层社会稳定", "有效维护"),
                IndicatorTemplate.Z("社会效益指标", "因调解不当引发的群体性事件", "起"),
                IndicatorTemplate.P("服务对象满意度指标", "当事人满意度", 90),
            ]),
    ];

    /// <summary>The domain of towns and sub-districts: community affairs.</summary>
    public static readonly Domain Community = new(
        "人民政府",
        ["社区事务受理服务中心", "社区党群服务中心", "综合行政执法队", "社区卫生服务中心"],
        ["社区网格化管理", "居民区自治项目", "老旧小区综合治理", "社区文体活动", "为老服务综合体运营", "平安社区建设"],
        ["提升社区治理精细化水平", "营造和谐宜居的社区环境", "满足居民多样化需求"],
        ["社区环境明显改善", "居民自治能力增强", "社区安全感持续提升"],
        "社区居民",
        [
            IndicatorTemplate.N("数量指标", "覆盖居民区个数", "个", 6, 40, "="),
            IndicatorTemplate.N("数量指标", "开展社区活动场次", "场", 24, 300),
            IndicatorTemplate.N("数量指标", "网格巡查次数", "次", 500, 12000),
            IndicatorTemplate.P("质量指标", "问题处置率", 98),
            IndicatorTemplate.P("质量指标", "居民参与率", 60),
            IndicatorTemplate.W("社会效益指标", "社区治理水平", "提升"),
            IndicatorTemplate.W("社会效益指标", "邻里关系", "更加和谐"),
            IndicatorTemplate.P("服务对象满意度指标", "社区居民满意度", 90),
        ]);
}
